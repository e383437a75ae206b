"""The resettlement worker's reach (crc/access/custody.py through the one policy): the
custody cases of their own prison, for as long as the person is in custody there."""

import pytest

from cases.models import Case
from crc.access.policy import Action, Relationship, can, relationship_to, visible_cases
from resettlement import jobs, release
from resettlement.models import Prison
from tests.factories import StaffFactory
from tests.resettlement.conftest import open_episode

from .test_jobs import messages, run_twice

pytestmark = pytest.mark.django_db


def other_prison(prison):
    return Prison.objects.exclude(pk=prison.pk).first()


def sees(user, case) -> bool:
    return visible_cases(user, Case.objects.filter(pk=case.pk)).exists()


def test_a_resettlement_worker_sees_a_case_in_custody_at_their_prison(episode, worker, case):
    assert sees(worker, case)
    assert relationship_to(worker, case) == Relationship.PRISON_RESETTLEMENT


def test_a_resettlement_worker_does_not_see_a_case_at_another_prison(case, officer, prison):
    open_episode(case, officer, other_prison(prison))
    elsewhere = StaffFactory(resettlement_worker=True, partner_organisation=prison.partner)
    assert not sees(elsewhere, case)
    assert relationship_to(elsewhere, case) is None


def test_the_case_leaves_the_workers_reach_once_the_person_is_released(episode, worker, case):
    release.episode_release(
        episode=episode,
        by=worker,
        expected_version=episode.version,
        released_on=episode.reception_date,
    )
    assert not sees(worker, case)


def test_a_resettlement_worker_without_a_prison_sees_nothing(episode, case):
    loose = StaffFactory(resettlement_worker=True, partner_organisation=None)
    assert not sees(loose, case)


def test_a_resettlement_worker_never_reaches_cases_not_in_custody(worker, other_team_case):
    assert not sees(worker, other_team_case)


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (Action.READ, True),
        (Action.SCREEN, True),
        (Action.PLAN_RESETTLEMENT, True),
        (Action.PREPARE_RELEASE, False),
        (Action.RECORD_CONTACT, False),
        (Action.EDIT_PLAN, False),
        (Action.RECORD_RISK, False),
        (Action.EDIT_PERSON, False),
        (Action.ALLOCATE, False),
    ],
)
def test_what_a_resettlement_worker_may_do_on_their_prisons_case(
    episode, worker, case, action, expected
):
    assert can(worker, action, case) is expected


@pytest.mark.parametrize(
    "action", [Action.SCREEN, Action.PLAN_RESETTLEMENT, Action.PREPARE_RELEASE]
)
def test_the_community_officer_screens_plans_and_prepares_release(episode, officer, case, action):
    assert can(officer, action, case)


def test_the_screening_overdue_reminder_now_reaches_the_resettlement_worker(episode, worker):
    run_twice(jobs.screening_overdue_alerts)
    [message] = messages("screening-overdue")
    assert worker.pk in message.payload["recipient_ids"]


# --- Which case pages a resettlement worker opens (ADR 0010) --------------------------

WORKER_CASE_PAGES = ["cases:overview", "cases:risk", "cases:sentence", "resettlement:episode"]
NOT_FOR_THE_WORKER = [
    "cases:contacts",
    "cases:assessment",
    "cases:reviews",
    "cases:timeline",
    "cases:history",
]


@pytest.mark.parametrize("page", WORKER_CASE_PAGES)
def test_the_worker_opens_the_parts_of_the_record_resettlement_needs(client, episode, worker, page):
    from django.urls import reverse

    from tests.conftest import sign_in

    sign_in(client, worker)
    assert client.get(reverse(page, args=[episode.case.crn])).status_code == 200


@pytest.mark.parametrize("page", NOT_FOR_THE_WORKER)
def test_the_worker_may_not_open_the_rest_of_the_record_and_the_attempt_is_logged(
    client, episode, worker, page
):
    from django.urls import reverse

    from crc.access.models import AccessKind, AccessLog
    from tests.conftest import sign_in

    sign_in(client, worker)
    assert client.get(reverse(page, args=[episode.case.crn])).status_code == 404
    denied = AccessLog.objects.get(kind=AccessKind.DENIED, staff=worker)
    assert denied.case_id == episode.case_id and denied.reason == f"not permitted: page {page}"


def test_the_worker_is_shown_only_the_tabs_they_may_open(client, episode, worker, officer):
    from django.urls import reverse

    from tests.conftest import sign_in

    sign_in(client, worker)
    page = client.get(reverse("cases:overview", args=[episode.case.crn])).content.decode()
    assert reverse("cases:risk", args=[episode.case.crn]) in page
    assert reverse("cases:contacts", args=[episode.case.crn]) not in page
    sign_in(client, officer)
    page = client.get(reverse("cases:overview", args=[episode.case.crn])).content.decode()
    assert reverse("cases:contacts", args=[episode.case.crn]) in page


@pytest.mark.parametrize(
    ("relationship", "page", "expected"),
    [
        (Relationship.PRISON_RESETTLEMENT, "cases:overview", True),
        (Relationship.PRISON_RESETTLEMENT, "resettlement:plan_edit", True),
        (Relationship.PRISON_RESETTLEMENT, "cases:contacts", False),
        (Relationship.PRISON_RESETTLEMENT, "unpaidwork:case_unpaid_work", False),
        (Relationship.PRISON_RESETTLEMENT, "a:page_added_later", False),
        (Relationship.ALLOCATED_OFFICER, "cases:contacts", True),
        (Relationship.TEAM, "cases:history", True),
    ],
)
def test_the_case_page_table(relationship, page, expected):
    from crc.access.policy import may_open_case_page

    assert may_open_case_page(relationship, page) is expected
