"""Idempotency-Key on every POST: required, replayed, conflicting, in flight."""

import datetime as dt

from cases.models import SignificantChange
from crc.access.models import AccessLog
from crc.api.models import IdempotencyRecord


def _answer(api, info_request, body, key="key-1"):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return api.post(
        f"/api/v1/information-requests/{info_request.pk}/answer/", body, format="json", **headers
    )


def test_a_post_without_a_key_is_400_and_changes_nothing(police, police_request):
    response = _answer(police.client(), police_request, {"answer": "x"}, key=None)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()
    police_request.refresh_from_db()
    assert police_request.status == "sent"


def test_an_identical_retry_returns_the_stored_response_without_a_second_write(
    police, police_request
):
    api = police.client()
    first = _answer(api, police_request, {"answer": "Two call-outs in 2025."})
    second = _answer(api, police_request, {"answer": "Two call-outs in 2025."})
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert second["Idempotent-Replayed"] == "true"
    # A second real call would have been refused (already answered) with 409.
    assert (
        _answer(api, police_request, {"answer": "Two call-outs in 2025."}, key="new").status_code
        == 409
    )


def test_the_same_key_with_another_body_is_422(police, police_request):
    api = police.client()
    _answer(api, police_request, {"answer": "first"})
    response = _answer(api, police_request, {"answer": "second"})
    assert response.status_code == 422
    police_request.refresh_from_db()
    assert police_request.answer == "first"


def test_the_same_key_on_another_endpoint_is_422(police, police_request, case):
    api = police.client()
    _answer(api, police_request, {"answer": "first"}, key="shared")
    response = api.post(
        "/api/v1/events/",
        {
            "crn": case.crn,
            "category": "arrest",
            "description": "d",
            "occurred_on": str(dt.date.today()),
        },
        format="json",
        HTTP_IDEMPOTENCY_KEY="shared",
    )
    assert response.status_code == 422
    assert not SignificantChange.objects.exists()


def test_a_key_still_in_flight_is_409(police, police_request):
    import hashlib
    import json

    # What a concurrent first request leaves behind while it runs.
    body = json.dumps({"answer": "x"}, sort_keys=True, separators=(",", ":"))
    path = f"/api/v1/information-requests/{police_request.pk}/answer/"
    IdempotencyRecord.objects.create(
        application=police.link.application,
        key="busy",
        method="POST",
        path=path,
        fingerprint=hashlib.sha256(f"POST\n{path}\n{body}".encode()).hexdigest(),
    )
    response = _answer(police.client(), police_request, {"answer": "x"}, key="busy")
    assert response.status_code == 409
    police_request.refresh_from_db()
    assert police_request.status == "sent"


def test_keys_belong_to_one_client(police, csc, police_request, csc_request):
    assert _answer(police.client(), police_request, {"answer": "a"}, key="same").status_code == 200
    assert _answer(csc.client(), csc_request, {"answer": "b"}, key="same").status_code == 200


def test_a_refused_post_is_stored_and_replayed_too(police, police_request):
    api = police.client()
    first = _answer(api, police_request, {"answer": ""}, key="bad")
    again = _answer(api, police_request, {"answer": ""}, key="bad")
    assert first.status_code == again.status_code == 400
    assert first.json() == again.json()
    assert "answer" in first.json()


def test_a_replay_is_logged_as_a_disclosure_again(police, police_request):
    api = police.client()
    _answer(api, police_request, {"answer": "x"})
    _answer(api, police_request, {"answer": "x"})
    assert AccessLog.objects.filter(case_id=police_request.case_id).count() == 2
