"""The resettlement partner API (issue 11): a provider reads and updates only its own
custody cases' plans; a prison posts receptions and release-date changes, which reach
the community officer exactly once however often they are retried."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from crc.access.models import AccessKind, AccessLog
from crc.api.services import partner_application_create
from crc.notifications.models import Notification, OutboxMessage
from crc.notifications.services import outbox_deliver
from crc.organisation.models import PartnerType
from resettlement import services
from resettlement.models import CustodyEpisode, Prison, ReleaseDateChange
from tests.factories import CaseFactory
from tests.partners import Partner, make_partner
from tests.resettlement.conftest import add_action, open_episode

pytestmark = pytest.mark.django_db

PLANS = "/api/v1/resettlement/plans/"
RECEPTIONS = "/api/v1/resettlement/receptions/"
CHANGES = "/api/v1/resettlement/release-date-changes/"


def action_status(pk: int) -> str:
    return f"/api/v1/resettlement/plan-actions/{pk}/status/"


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def provider_partner(provider) -> Partner:
    link, secret = partner_application_create(partner_organisation=provider)
    return Partner(organisation=provider, link=link, secret=secret)


@pytest.fixture
def prison_partner(prison) -> Partner:
    link, secret = partner_application_create(partner_organisation=prison.partner)
    return Partner(organisation=prison.partner, link=link, secret=secret)


@pytest.fixture
def other_provider():
    return make_partner("Another Provider", PartnerType.RESETTLEMENT_PROVIDER)


@pytest.fixture
def action(episode, worker):
    return add_action(episode, worker, owner="provider", description="Find a hostel place")


def post(client: APIClient, path: str, body: dict, key: str):
    return client.post(path, body, format="json", HTTP_IDEMPOTENCY_KEY=key)


# --- Providers -----------------------------------------------------------------------------


def test_a_provider_lists_its_own_custody_cases_plans_and_each_is_logged(
    provider_partner, episode, action, other_provider
):
    response = provider_partner.client(acting_person="A Caseworker").get(PLANS)
    assert response.status_code == 200, response.content
    [plan] = response.json()["results"]
    assert plan["person"]["crn"] == episode.case.crn
    assert plan["prison"]["code"] == "PVI"
    assert [a["description"] for a in plan["actions"]] == ["Find a hostel place"]
    [row] = AccessLog.objects.filter(kind=AccessKind.DISCLOSURE)
    assert row.case_id == episode.case_id
    assert row.partner_organisation == provider_partner.organisation
    assert row.acting_person == "A Caseworker"
    # Another provider sees none of it: its list is empty and the plan itself 404.
    assert other_provider.client().get(PLANS).json()["results"] == []
    assert other_provider.client().get(f"{PLANS}{episode.plan.pk}/").status_code == 404


def test_a_released_person_leaves_the_providers_list(provider_partner, episode, worker):
    from resettlement import release

    release.episode_release(
        episode=episode, by=worker, expected_version=episode.version, released_on=today()
    )
    assert provider_partner.client().get(PLANS).json()["results"] == []


def test_the_plan_list_is_cursor_paginated_with_a_fixed_number_of_reads(
    provider_partner, provider, worker, prison, django_assert_max_num_queries
):
    for _ in range(3):
        open_episode(CaseFactory(), worker, prison, resettlement_provider=provider)
    client = provider_partner.client()
    first = client.get(PLANS, {"page_size": 2}).json()
    assert len(first["results"]) == 2 and first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    # Neither reads nor writes grow with the rows: the disclosure rows, one per person,
    # go in one INSERT (access_log_record_many).
    with CaptureQueriesContext(connection) as one_page:
        client.get(PLANS, {"page_size": 1})
    logged_before = AccessLog.objects.count()
    with django_assert_max_num_queries(len(one_page)) as three:
        client.get(PLANS, {"page_size": 3})
    inserts = [q for q in three.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1
    assert AccessLog.objects.count() - logged_before == 3


def test_a_provider_updates_its_own_action_once_per_key(provider_partner, action):
    client = provider_partner.client()
    first = post(client, action_status(action.pk), {"status": "in_progress"}, "a1")
    assert first.status_code == 200, first.content
    assert first.json()["status"] == "in_progress"
    again = post(client, action_status(action.pk), {"status": "in_progress"}, "a1")
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    action.refresh_from_db()
    assert (action.status, action.version) == ("in_progress", 2)
    assert AccessLog.objects.filter(kind=AccessKind.CHANGE, case_id=action.plan.episode.case_id)


def test_a_provider_may_not_update_an_action_it_does_not_own(provider_partner, episode, worker):
    officers = add_action(episode, worker, "finance", owner="officer", description="Bank")
    response = post(provider_partner.client(), action_status(officers.pk), {"status": "done"}, "k")
    assert response.status_code == 409
    officers.refresh_from_db()
    assert officers.status == "not_started"


def test_another_providers_action_is_404_and_the_attempt_logged(other_provider, action):
    response = post(other_provider.client(), action_status(action.pk), {"status": "done"}, "k")
    assert response.status_code == 404
    assert AccessLog.objects.filter(kind=AccessKind.DENIED, case_id=action.plan.episode.case_id)


def test_a_move_the_plan_does_not_allow_is_409(provider_partner, action, worker):
    services.plan_action_update(
        action=action, by=worker, expected_version=action.version, status="cancelled"
    )
    response = post(provider_partner.client(), action_status(action.pk), {"status": "done"}, "k")
    assert response.status_code == 409


def test_a_bad_status_is_a_400_with_the_field(provider_partner, action):
    response = post(provider_partner.client(), action_status(action.pk), {"status": "x"}, "k")
    assert response.status_code == 400 and "status" in response.json()


def test_a_provider_token_without_the_write_scope_is_403(provider_partner, action):
    client = provider_partner.client(scopes=["resettlement:plans-read"])
    response = post(client, action_status(action.pk), {"status": "done"}, "k")
    assert response.status_code == 403
    assert response.json()["required_scopes"] == ["resettlement:plans-write"]


# --- Prisons -------------------------------------------------------------------------------


def test_a_prison_posts_a_reception_which_opens_the_episode(prison_partner, case, prison):
    body = {
        "crn": case.crn.lower(),
        "reception_date": today().isoformat(),
        "expected_release_date": (today() + dt.timedelta(days=300)).isoformat(),
        "release_kind": "licence",
    }
    response = post(prison_partner.client(), RECEPTIONS, body, "r1")
    assert response.status_code == 201, response.content
    episode = CustodyEpisode.objects.get(case=case)
    assert (
        episode.prison == prison
        and episode.screening.due_on.isoformat() == (response.json()["screening_due_on"])
    )
    assert post(prison_partner.client(), RECEPTIONS, body, "r2").status_code == 409


@pytest.mark.parametrize(
    "change",
    [
        {"crn": "Z999999"},  # nobody
        {"expected_release_date": "2000-01-01"},  # before reception: 400
    ],
)
def test_a_bad_reception_changes_nothing(prison_partner, case, change):
    body = {
        "crn": case.crn,
        "reception_date": today().isoformat(),
        "expected_release_date": (today() + dt.timedelta(days=300)).isoformat(),
        "release_kind": "licence",
        **change,
    }
    response = post(prison_partner.client(), RECEPTIONS, body, "r1")
    assert response.status_code in (400, 404)
    assert not CustodyEpisode.objects.exists()


def change_body(episode, days: int = 30, reason: str = "Parole board decision") -> dict:
    new = episode.expected_release_date - dt.timedelta(days=days)
    return {"crn": episode.case.crn, "new_date": new.isoformat(), "reason": reason}


def officer_told(episode) -> tuple[int, int]:
    outbox = OutboxMessage.objects.filter(dedupe_key__startswith="resettlement:release-date")
    notes = Notification.objects.filter(recipient=episode.case.responsible_officer)
    return outbox.count(), notes.filter(subject__startswith="Release date changed").count()


def test_a_release_date_change_posted_twice_reaches_the_officer_exactly_once(
    prison_partner, episode, officer
):
    client = prison_partner.client()
    body = change_body(episode)
    first = post(client, CHANGES, body, "change-1")
    assert first.status_code == 201, first.content
    second = post(client, CHANGES, body, "change-1")
    assert second.status_code == 201 and second["Idempotent-Replayed"] == "true"
    assert second.json() == first.json()
    episode.refresh_from_db()
    assert episode.expected_release_date.isoformat() == body["new_date"]
    assert ReleaseDateChange.objects.filter(episode=episode).count() == 1
    # Deliver the outbox (twice, as a sweep racing the worker might): one inbox row.
    for message in OutboxMessage.objects.all():
        outbox_deliver(message_id=message.pk)
        outbox_deliver(message_id=message.pk)
    outbox, inbox = officer_told(episode)
    assert (outbox, inbox) == (1, 1)
    [message] = OutboxMessage.objects.filter(dedupe_key__startswith="resettlement:release-date")
    assert message.payload["recipient_ids"] == [officer.pk]


def test_the_same_key_with_another_body_is_422_and_changes_nothing(prison_partner, episode):
    client = prison_partner.client()
    assert post(client, CHANGES, change_body(episode, 30), "k").status_code == 201
    episode.refresh_from_db()
    moved = episode.expected_release_date
    response = post(client, CHANGES, change_body(episode, 10), "k")
    assert response.status_code == 422
    episode.refresh_from_db()
    assert episode.expected_release_date == moved
    assert ReleaseDateChange.objects.count() == 1
    assert officer_told(episode)[0] == 1


def test_two_different_changes_each_reach_the_officer(prison_partner, episode):
    client = prison_partner.client()
    post(client, CHANGES, change_body(episode, 30), "one")
    episode.refresh_from_db()
    post(client, CHANGES, change_body(episode, 10), "two")
    assert officer_told(episode)[0] == 2


def test_another_prisons_person_is_404_and_nothing_changes(episode, prison):
    elsewhere = Prison.objects.exclude(pk=prison.pk).first()
    link, secret = partner_application_create(partner_organisation=elsewhere.partner)
    other = Partner(organisation=elsewhere.partner, link=link, secret=secret)
    response = post(other.client(), CHANGES, change_body(episode), "k")
    assert response.status_code == 404
    assert not ReleaseDateChange.objects.exists()
    assert AccessLog.objects.filter(kind=AccessKind.DENIED, case_crn=episode.case.crn)


def test_a_change_without_a_reason_is_400(prison_partner, episode):
    response = post(prison_partner.client(), CHANGES, change_body(episode, reason=""), "k")
    assert response.status_code == 400 and "reason" in response.json()


def test_a_provider_cannot_post_release_dates_nor_a_prison_read_plans(
    provider_partner, prison_partner, episode
):
    all_scopes = [
        "resettlement:plans-read",
        "resettlement:plans-write",
        "resettlement:custody-write",
    ]
    response = post(provider_partner.client(scopes=all_scopes), CHANGES, change_body(episode), "k")
    assert response.status_code == 404
    assert prison_partner.client(scopes=all_scopes).get(PLANS).status_code == 404


def test_an_id_too_large_for_any_row_is_a_plain_404(provider_partner, episode):
    huge = 2**70
    assert provider_partner.client().get(f"{PLANS}{huge}/").status_code == 404
    response = post(provider_partner.client(), action_status(huge), {"status": "done"}, "k")
    assert response.status_code == 404
