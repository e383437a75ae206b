"""The provider caseworker's forms: booking the initial assessment, the action plan and
session feedback, by the assigned caseworker only (anyone else: 404), each a disclosure,
each refusing a stale save; a concern posted reaches the officer once; a provider user
reaches no staff page, not even the case of a referral made to them."""

import pytest
from django.test import Client
from django.urls import reverse

from crc.access.models import AccessKind, AccessLog
from crc.notifications.models import OutboxMessage
from interventions.models import ProviderAppointment
from tests.conftest import sign_in
from tests.factories.interventions import provider_caseworker

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    sign_in(client, user)
    return client


def _token(html: str) -> str:
    return html.split('name="version" value="')[1].split('"')[0]


def test_the_assigned_caseworker_books_plans_and_records_through_the_pages(
    walk, django_assert_max_num_queries
):
    referral = walk.assigned()
    client = _client(walk.caseworker)
    page = reverse("interventions:provider_referral", args=[referral.pk])
    with django_assert_max_num_queries(25):
        body = client.get(page).content.decode()
    assert "Book the initial assessment" in body

    booked = client.post(
        reverse("interventions:provider_appointment", args=[referral.pk]),
        {"date_day": "2", "date_month": "11", "date_year": "2026", "time": "10:00"},
    )
    assert booked.status_code == 302
    plan_url = reverse("interventions:provider_action_plan", args=[referral.pk])
    planned = client.post(
        plan_url, {"activities": "Drink diary\nTriggers", "number_of_sessions": "3"}
    )
    assert planned.status_code == 302
    referral.refresh_from_db()
    assert referral.status == "plan_submitted"
    assert list(referral.action_plans.get().activities) == ["Drink diary", "Triggers"]
    assessment = ProviderAppointment.objects.get(kind="initial_assessment")
    record = reverse("interventions:provider_session", args=[referral.pk])
    attended = client.post(
        f"{record}?appointment={assessment.pk}",
        {
            "version": _token(client.get(f"{record}?appointment={assessment.pk}").content.decode()),
            "date_day": "2",
            "date_month": "11",
            "date_year": "2026",
            "time": "10:00",
            "attendance": "yes",
            "summary": "Assessed: drinks most days.",
        },
    )
    assert attended.status_code == 302
    assessment.refresh_from_db()
    assert assessment.attendance == "yes"
    assert AccessLog.objects.filter(kind=AccessKind.DISCLOSURE, staff=walk.caseworker).count() == 2


def test_a_concern_posted_on_the_session_form_reaches_the_officer_once_even_with_the_broker_down(
    walk, broker_down, django_capture_on_commit_callbacks
):
    referral = walk.approved()
    client = _client(walk.caseworker)
    url = reverse("interventions:provider_session", args=[referral.pk])
    data = {
        "date_day": "1",
        "date_month": "11",
        "date_year": "2026",
        "time": "11:00",
        "attendance": "late",
        "summary": "Triggers worked through.",
        "concerns": "Talked of a fight planned for Friday.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    messages = OutboxMessage.objects.filter(dedupe_key__startswith="intervention-concern:")
    (message,) = messages
    assert message.payload["recipient_ids"] == [walk.officer.pk]
    assert message.delivered_at is None  # the sweep sends it when the broker is back
    # Saving the page twice (a double click, a back-and-resubmit) records a second session
    # with its own concern key, never the same concern twice for one session.
    assert messages.values("dedupe_key").distinct().count() == messages.count()


def test_a_plan_revised_by_someone_else_meanwhile_is_refused_with_what_is_saved_now(walk):
    referral, plan = walk.plan_submitted()
    client = _client(walk.caseworker)
    url = reverse("interventions:provider_action_plan", args=[referral.pk])
    token = _token(client.get(url).content.decode())
    walk.revise_plan(referral, plan, ["Changed elsewhere"], sessions=2)
    stale = client.post(url, {"version": token, "activities": "Mine", "number_of_sessions": "3"})
    body = stale.content.decode()
    assert stale.status_code == 200
    assert "What is saved now" in body and "Changed elsewhere" in body
    plan.refresh_from_db()
    assert plan.activities == ["Changed elsewhere"]


def test_bad_input_on_the_session_form_says_why_and_changes_nothing(walk):
    referral = walk.approved()
    url = reverse("interventions:provider_session", args=[referral.pk])
    response = _client(walk.caseworker).post(url, {"attendance": "yes"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Write a summary of the session" in body and "Enter the date" in body
    assert not ProviderAppointment.objects.filter(kind="session").exists()


def test_only_the_assigned_caseworker_reaches_the_forms(walk):
    referral = walk.assessed()
    teammate = _client(provider_caseworker(walk.service.provider, username="teammate"))
    stranger = _client(provider_caseworker())
    for name in ("provider_appointment", "provider_action_plan", "provider_session"):
        url = reverse(f"interventions:{name}", args=[referral.pk])
        assert teammate.get(url).status_code == 404, name
        assert stranger.get(url).status_code == 404, name
        assert stranger.post(url, {"activities": "x", "number_of_sessions": "1"}).status_code == 404


def test_a_provider_user_reaches_no_staff_page_not_even_the_referrals_case(walk):
    referral = walk.assigned()
    client = _client(walk.caseworker)
    crn = walk.case.crn
    for url in (
        reverse("cases:overview", args=[crn]),
        reverse("cases:timeline", args=[crn]),
        reverse("interventions:case_interventions", args=[crn]),
        reverse("interventions:case_referral", args=[crn, referral.pk]),
        reverse("interventions:case_directory", args=[crn]),
        reverse("cases:caseload"),
        reverse("cases:search"),
    ):
        assert client.get(url).status_code == 404, url
