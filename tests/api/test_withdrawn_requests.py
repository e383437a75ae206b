"""A withdrawn information request discloses nothing further to the partner: no person,
no risk, no internal reason, and it grounds no standing arrangement (issue 9, finding 4)."""

import datetime as dt

import time_machine

from cases.planning.information_requests import information_request_withdraw
from tests.partners import information_request_to

REASON = "Wrong force: the officer's colleague is related to the person"


def _withdraw(request, officer):
    return information_request_withdraw(request=request, by=officer, reason=REASON)


def test_the_withdrawal_reason_is_kept_internal_and_never_in_the_answer(police_request, officer):
    withdrawn = _withdraw(police_request, officer)
    withdrawn.refresh_from_db()
    assert withdrawn.withdrawal_reason == REASON
    assert withdrawn.answer == ""


def test_a_withdrawn_request_shows_the_partner_only_that_it_is_over(
    police, police_request, officer
):
    _withdraw(police_request, officer)
    response = police.client().get(f"/api/v1/information-requests/{police_request.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "withdrawn"
    assert body["id"] == police_request.pk
    assert body["sent_on"] == str(police_request.sent_on)
    for withheld in ("case", "crn", "question", "answer", "answered_by", "agency"):
        assert body[withheld] is None, withheld
    text = response.content.decode()
    case = police_request.case
    for secret in (REASON, case.first_name, case.last_name, str(case.date_of_birth), case.crn):
        assert secret not in text


def test_a_withdrawn_request_in_the_list_names_nobody(police, police_request, officer):
    _withdraw(police_request, officer)
    response = police.client().get("/api/v1/information-requests/")
    assert response.status_code == 200
    (row,) = response.json()["results"]
    assert row["status"] == "withdrawn"
    assert row["crn"] is None
    assert row["question"] is None
    assert police_request.case.crn not in response.content.decode()


def test_an_open_request_still_shows_the_person(police, police_request):
    body = police.client().get(f"/api/v1/information-requests/{police_request.pk}/").json()
    assert body["case"]["crn"] == police_request.case.crn
    assert body["crn"] == police_request.case.crn


def _event(api, crn):
    return api.post(
        "/api/v1/events/",
        {
            "crn": crn,
            "category": "arrest",
            "description": "Arrested",
            "occurred_on": str(dt.date.today()),
        },
        format="json",
        HTTP_IDEMPOTENCY_KEY="withdrawn-event",
    )


def test_a_withdrawn_request_grounds_no_standing_arrangement(police, police_request, officer):
    _withdraw(police_request, officer)
    # Sent today, so within the 12 months that an answered request would allow.
    assert _event(police.client(), police_request.case.crn).status_code == 404


def test_a_recent_answered_request_still_grounds_the_arrangement(police, case, officer):
    with time_machine.travel(dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC)):
        request = information_request_to(police, case=case, by=officer, question="Any call-outs?")
        request.status = "answered"
        request.save(update_fields=["status"])
    with time_machine.travel(dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC)):
        assert _event(police.client(), case.crn).status_code == 201
