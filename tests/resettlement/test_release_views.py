"""The release pages (checklist, first appointment, handover) and the plan action update
page: each saves through its service, refuses bad input with nothing changed, refuses a
stale save, and reads a fixed number of queries."""

import pytest
from django.urls import reverse

from resettlement import services
from resettlement.models import PlanAction, ReleaseChecklist
from tests.conftest import sign_in
from tests.resettlement.conftest import add_action, update_checklist

pytestmark = pytest.mark.django_db

STALE = "Someone else saved this record after you opened it"


def url(name, episode, *args):
    return reverse(f"resettlement:{name}", args=[episode.case.crn, *args])


def checklist(episode) -> ReleaseChecklist:
    return ReleaseChecklist.objects.get(episode=episode)


@pytest.fixture
def action(episode, worker):
    return add_action(episode, worker, owner="worker", description="Refer to housing")


@pytest.mark.parametrize(
    "name", ["checklist_edit", "first_appointment_new", "handover", "plan_action_edit"]
)
def test_each_page_opens_for_the_officer_in_a_fixed_number_of_queries(
    client, episode, officer, action, name, django_assert_max_num_queries
):
    sign_in(client, officer)
    args = [action.pk] if name == "plan_action_edit" else []
    with django_assert_max_num_queries(30):
        response = client.get(url(name, episode, *args))
    assert response.status_code == 200
    assert "version" in response.content.decode()


def post_checklist(client, episode, answers: dict):
    """Post the release checklist form with `answers`, from the version saved now."""
    return client.post(
        url("checklist_edit", episode), {**answers, "version": checklist(episode).version}
    )


def test_the_officer_confirms_accommodation_and_licence_conditions(client, episode, officer):
    sign_in(client, officer)
    response = post_checklist(
        client,
        episode,
        {
            "accommodation_confirmed": "on",
            "accommodation_address": "Approved premises, 1 High Street",
            "licence_conditions_known": "on",
        },
    )
    assert response.status_code == 302
    saved = checklist(episode)
    assert saved.accommodation_confirmed and saved.licence_conditions_known
    assert saved.version == 2


def test_accommodation_confirmed_and_no_fixed_abode_together_is_refused(client, episode, officer):
    sign_in(client, officer)
    confirmed = {"accommodation_confirmed": "on", "accommodation_address": "1 High Street"}
    flagged = {"no_fixed_abode_flagged": "on", "no_fixed_abode_notes": "Nowhere"}
    response = post_checklist(client, episode, confirmed | flagged)
    assert response.status_code == 200
    assert "not both" in response.content.decode()
    assert checklist(episode).version == 1


def test_a_stale_checklist_save_is_refused_not_overwritten(client, episode, officer):
    sign_in(client, officer)
    opened_at = checklist(episode).version
    answers = {"accommodation_confirmed": False, "licence_conditions_known": True}
    update_checklist(checklist(episode), officer, version=opened_at, **answers)
    response = client.post(
        url("checklist_edit", episode),
        {
            "no_fixed_abode_flagged": "on",
            "no_fixed_abode_notes": "Council referral",
            "version": opened_at,
        },
    )
    assert response.status_code == 200
    assert STALE in response.content.decode()
    saved = checklist(episode)
    assert not saved.no_fixed_abode_flagged and saved.licence_conditions_known


def book_first_appointment(client, episode, day):
    """Post the first-appointment form for 10am on `day` at the Islington office."""
    return client.post(
        url("first_appointment_new", episode),
        {
            "date_day": day.day,
            "date_month": day.month,
            "date_year": day.year,
            "time": "10:00",
            "location": "Islington office",
            "version": checklist(episode).version,
        },
    )


def test_the_first_appointment_is_booked_for_the_day_of_release(client, episode, officer):
    sign_in(client, officer)
    response = book_first_appointment(client, episode, episode.expected_release_date)
    assert response.status_code == 302
    booked = checklist(episode).first_appointment
    assert booked is not None and booked.case_id == episode.case_id


def test_a_first_appointment_a_week_after_release_is_refused(client, episode, officer):
    import datetime as dt

    sign_in(client, officer)
    day = episode.expected_release_date + dt.timedelta(days=7)
    response = book_first_appointment(client, episode, day)
    assert response.status_code == 200
    assert "Book the first appointment for" in response.content.decode()
    assert checklist(episode).first_appointment is None


def test_the_handover_is_recorded_and_blank_answers_are_refused(client, episode, officer):
    sign_in(client, officer)
    blank = client.post(
        url("handover", episode),
        {"handover_to": "", "handover_notes": "", "version": checklist(episode).version},
    )
    assert blank.status_code == 200
    assert "Say which community providers took over" in blank.content.decode()
    response = client.post(
        url("handover", episode),
        {
            "handover_to": "St Mungo's housing team",
            "handover_notes": "Plan, risk of harm section and licence conditions",
            "version": checklist(episode).version,
        },
    )
    assert response.status_code == 302
    saved = checklist(episode)
    assert saved.handover_to == "St Mungo's housing team"
    assert saved.handover_recorded_by == officer


def test_a_stale_handover_is_refused(client, episode, officer):
    sign_in(client, officer)
    response = client.post(
        url("handover", episode),
        {"handover_to": "Team", "handover_notes": "All of it", "version": 99},
    )
    assert response.status_code == 200
    assert STALE in response.content.decode()
    assert checklist(episode).handover_recorded_at is None


def test_the_resettlement_worker_may_not_open_the_release_pages(client, episode, worker):
    sign_in(client, worker)
    for name in ("checklist_edit", "first_appointment_new", "handover"):
        assert client.get(url(name, episode)).status_code == 404, name


def test_the_worker_updates_a_plan_action(client, episode, worker, action):
    sign_in(client, worker)
    response = client.post(
        url("plan_action_edit", episode, action.pk),
        {
            "status": "in_progress",
            "description": "Refer to housing (referral sent)",
            "owner": "provider",
            "version": action.version,
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.owner, action.version) == ("in_progress", "provider", 2)


def test_a_stale_or_disallowed_action_update_changes_nothing(client, episode, worker, action):
    sign_in(client, worker)
    body = {"status": "in_progress", "description": "X", "owner": "worker"}
    stale = client.post(url("plan_action_edit", episode, action.pk), {**body, "version": 9})
    assert STALE in stale.content.decode()
    services.plan_action_update(
        action=action, by=worker, expected_version=action.version, status="cancelled"
    )
    action.refresh_from_db()
    refused = client.post(
        url("plan_action_edit", episode, action.pk),
        {**body, "status": "done", "version": action.version},
    )
    assert refused.status_code == 200
    assert "cannot go from cancelled" in refused.content.decode()
    assert PlanAction.objects.get(pk=action.pk).status == "cancelled"


def test_an_action_of_another_plan_is_404(client, episode, worker, action, officer):
    sign_in(client, worker)
    assert client.get(url("plan_action_edit", episode, action.pk + 1000)).status_code == 404
