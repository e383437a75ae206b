"""The police and children's social care exchange, end to end through the API."""

import datetime as dt

import pytest

from cases.models import Review, SignificantChange
from crc.notifications import tasks as notification_tasks
from crc.notifications.models import OutboxMessage
from tests.conftest import sign_in
from tests.partners import information_request_to, post_answer


def _answer(api, info_request, text="Two call-outs to the address in 2025.", key="a1"):
    return post_answer(api, info_request, text, key=key)


def _event(api, crn, category="arrest", key="e1", occurred_on=None, description="Arrested"):
    return api.post(
        "/api/v1/events/",
        {
            "crn": crn,
            "category": category,
            "description": description,
            "occurred_on": str(occurred_on or dt.date.today()),
        },
        format="json",
        HTTP_IDEMPOTENCY_KEY=key,
    )


def test_a_police_answer_lands_on_the_case_and_notifies_the_officer(
    police, police_request, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _answer(police.client(acting_person="DC Jane Doe"), police_request)
    assert response.status_code == 200
    assert response.json()["status"] == "answered"
    police_request.refresh_from_db()
    assert police_request.status == "answered"
    assert police_request.answer == "Two call-outs to the address in 2025."
    assert police_request.answered_by_partner == "DC Jane Doe"
    assert police_request in police_request.case.information_requests.filter(status="answered")
    message = OutboxMessage.objects.get(
        dedupe_key=f"information-request:{police_request.pk}:answered"
    )
    assert message.payload["recipient_ids"] == [officer.pk]


def test_the_answer_saves_with_the_broker_down(
    police, police_request, officer, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(notification_tasks.deliver_outbox_message, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _answer(police.client(), police_request)
    assert callbacks, "the publish was attempted"
    assert response.status_code == 200
    police_request.refresh_from_db()
    assert police_request.status == "answered"
    # Undelivered, waiting for the sweep.
    message = OutboxMessage.objects.get(
        dedupe_key=f"information-request:{police_request.pk}:answered"
    )
    assert message.delivered_at is None


def test_childrens_social_care_answers_its_request(csc, csc_request):
    assert (
        _answer(csc.client(), csc_request, "Known: child protection plan 2024.").status_code == 200
    )
    csc_request.refresh_from_db()
    assert csc_request.status == "answered"


def test_answering_a_closed_request_is_409_with_detail(police, police_request):
    _answer(police.client(), police_request, key="first")
    response = _answer(police.client(), police_request, key="second")
    assert response.status_code == 409
    assert "already answered" in response.json()["detail"]


def test_an_empty_answer_is_400_with_the_field(police, police_request):
    response = _answer(police.client(), police_request, text="   ")
    assert response.status_code == 400
    assert "answer" in response.json()


def test_the_detail_carries_only_the_redacted_risk_view(police, police_request, case):
    case.rosh_overall = "high"
    case.rosh_children = "high"
    case.rosh_public = "medium"
    case.rosh_known_adult = "low"
    case.rosh_staff = "medium"
    case.address = "1 Secret Street"
    case.save()
    body = police.client().get(f"/api/v1/information-requests/{police_request.pk}/").json()
    assert body["case"] == {
        "crn": case.crn,
        "first_name": case.first_name,
        "last_name": case.last_name,
        "date_of_birth": case.date_of_birth.isoformat(),
        "risk": {
            "overall_rosh": "high",
            "at_risk": [
                {"group": "children", "level": "high"},
                {"group": "public", "level": "medium"},
                {"group": "staff", "level": "medium"},
            ],
            "risk_to_staff": "medium",
        },
    }
    assert "Secret" not in str(body)


@pytest.mark.parametrize(
    ("category", "stored"),
    [
        ("arrest", "arrest"),
        ("call_out", "arrest"),
        ("intelligence", "intelligence"),
        ("domestic_abuse_incident", "domestic_abuse_incident"),
    ],
)
def test_a_police_event_becomes_a_significant_change_with_a_review_and_an_spo_alert(
    category, stored, police, police_request, case, spo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _event(police.client(acting_person="PC 99"), case.crn, category=category)
    assert response.status_code == 201, response.content
    change = SignificantChange.objects.get()
    assert change.category == stored
    assert change.source == "partner"
    assert change.partner_organisation == police.organisation
    assert change.reported_by == "PC 99"
    review = Review.objects.get(case=case, kind="significant_change")
    assert response.json()["review_due_on"] == review.due_on.isoformat()
    alert = OutboxMessage.objects.get(dedupe_key=f"significant-change:{change.pk}:alert")
    assert spo.pk in alert.payload["recipient_ids"]


def test_an_event_saves_with_the_broker_down(
    police, police_request, case, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(notification_tasks.deliver_outbox_message, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        response = _event(police.client(), case.crn)
    assert response.status_code == 201
    assert Review.objects.filter(case=case, kind="significant_change").exists()


def test_unknown_and_out_of_scope_crns_are_the_same_404(police, police_request, other_team_case):
    api = police.client()
    unknown = _event(api, "Z999999", key="u")
    out_of_scope = _event(api, other_team_case.crn, key="o")
    assert unknown.status_code == out_of_scope.status_code == 404
    assert unknown.json() == out_of_scope.json()
    assert not SignificantChange.objects.exists()


def test_a_standing_arrangement_is_a_request_in_the_last_twelve_months(
    police, case, officer, time_machine=None
):
    info_request = information_request_to(police, case=case, by=officer)
    info_request.status = "answered"
    info_request.sent_on = dt.date.today() - dt.timedelta(days=200)
    info_request.save()
    assert _event(police.client(), case.crn, key="recent").status_code == 201
    info_request.sent_on = dt.date.today() - dt.timedelta(days=400)
    info_request.save()
    assert _event(police.client(), case.crn, key="old").status_code == 404


def test_a_future_event_date_is_400(police, police_request, case):
    response = _event(police.client(), case.crn, occurred_on=dt.date.today() + dt.timedelta(days=1))
    assert response.status_code == 400
    assert "occurred_on" in response.json()


def test_childrens_social_care_cannot_post_events(csc, csc_request, case):
    assert _event(csc.client(scopes=["events:write"]), case.crn).status_code == 404


def test_a_police_answer_appears_on_the_case_timeline(police, police_request, officer):
    from django.test import Client

    assert _answer(police.client(acting_person="DC Jane Doe"), police_request).status_code == 200
    browser = Client()
    sign_in(browser, officer)
    page = browser.get(f"/cases/{police_request.case.crn}/timeline/").content.decode()
    assert "Information request answered: Police" in page
    assert "Two call-outs to the address in 2025." in page
    assert "DC Jane Doe" in page
