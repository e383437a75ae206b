"""A 404 from the partner API is a refused attempt and is logged like one (issue 9,
finding 10): who, which endpoint, and which case when we can tell."""

import datetime as dt

from crc.access.models import AccessKind, AccessLog
from tests.partners import post_answer


def test_reading_another_partners_request_is_logged(police, other_police, police_request):
    response = other_police.client(acting_person="DC Nosy").get(
        f"/api/v1/information-requests/{police_request.pk}/"
    )
    assert response.status_code == 404
    row = AccessLog.objects.get()
    assert row.kind == AccessKind.DENIED
    assert row.partner_organisation == other_police.organisation
    assert row.acting_person == "DC Nosy"
    assert (row.case_id, row.case_crn) == (police_request.case_id, police_request.case.crn)


def test_reading_a_missing_request_is_logged(police):
    assert police.client().get("/api/v1/information-requests/999999/").status_code == 404
    row = AccessLog.objects.get()
    assert (row.kind, row.case_id) == (AccessKind.DENIED, None)


def test_answering_another_partners_request_is_logged(other_police, police_request):
    response = post_answer(other_police.client(), police_request, "Nothing known", key="k1")
    assert response.status_code == 404
    assert AccessLog.objects.get().kind == AccessKind.DENIED


def test_an_event_about_a_person_without_an_arrangement_is_logged(police, case):
    response = police.client().post(
        "/api/v1/events/",
        {
            "crn": case.crn.lower(),
            "category": "arrest",
            "description": "Arrested",
            "occurred_on": str(dt.date.today()),
        },
        format="json",
        HTTP_IDEMPOTENCY_KEY="e1",
    )
    assert response.status_code == 404
    row = AccessLog.objects.get()
    assert (row.kind, row.case_id, row.case_crn) == (AccessKind.DENIED, case.pk, case.crn)
    assert row.partner_organisation == police.organisation
