"""Every response with personal data writes exactly one access-log row per case."""

import datetime as dt

from crc.access.models import AccessKind, AccessLog
from tests.factories import CaseFactory
from tests.partners import information_request_to, post_answer


def test_a_list_of_three_requests_about_three_people_writes_three_rows(police, officer, team_a):
    requests = [
        information_request_to(
            police, case=CaseFactory(team=team_a, responsible_officer=officer), by=officer
        )
        for _ in range(3)
    ]
    response = police.client(acting_person="DC Jane Doe").get("/api/v1/information-requests/")
    assert response.status_code == 200
    rows = list(AccessLog.objects.all())
    assert len(rows) == 3
    assert {r.case_id for r in rows} == {r.case_id for r in requests}
    for row in rows:
        assert row.kind == AccessKind.DISCLOSURE
        assert row.partner_organisation == police.organisation
        assert row.client_id == police.client_id
        assert row.acting_person == "DC Jane Doe"
        assert row.page == "/api/v1/information-requests/"
        assert row.reason.startswith("information request ")


def test_two_requests_about_one_person_in_one_response_write_one_row(police, case, officer):
    for question in ("Q1", "Q2"):
        information_request_to(police, case=case, by=officer, question=question)
    police.client().get("/api/v1/information-requests/")
    (row,) = AccessLog.objects.all()
    assert row.case_crn == case.crn
    assert row.reason.count("information request") == 2


def test_reading_one_request_writes_one_row_naming_it(police, police_request):
    police.client().get(f"/api/v1/information-requests/{police_request.pk}/")
    (row,) = AccessLog.objects.all()
    assert row.reason == f"information request {police_request.pk}"
    assert row.case_id == police_request.case_id


def test_an_empty_list_and_a_404_disclose_nothing(police, other_police, police_request):
    other_police.client().get("/api/v1/information-requests/")
    other_police.client().get(f"/api/v1/information-requests/{police_request.pk}/")
    assert not AccessLog.objects.exclude(kind=AccessKind.DENIED).exists()
    # The 404 is a refused attempt, logged as one (tests/api/test_denials_logged.py).
    assert AccessLog.objects.filter(kind=AccessKind.DENIED).count() == 1


def test_an_answer_writes_one_change_row(police, police_request):
    post_answer(police.client(acting_person="PC 1"), police_request, "x", key="k")
    (row,) = AccessLog.objects.all()
    assert (row.kind, row.acting_person, row.method) == (AccessKind.CHANGE, "PC 1", "POST")


def test_an_event_writes_one_change_row(police, police_request, case):
    police.client().post(
        "/api/v1/events/",
        {
            "crn": case.crn,
            "category": "intelligence",
            "description": "d",
            "occurred_on": str(dt.date.today()),
        },
        format="json",
        HTTP_IDEMPOTENCY_KEY="k",
    )
    (row,) = AccessLog.objects.all()
    assert row.kind == AccessKind.CHANGE
    assert row.reason == f"event under information request {police_request.pk}"


def test_a_list_runs_constant_queries_and_logs_every_case_in_one_insert(police, officer, team_a):
    def make(n):
        for _ in range(n):
            information_request_to(
                police, case=CaseFactory(team=team_a, responsible_officer=officer), by=officer
            )

    api = police.client()
    api.get("/api/v1/information-requests/")  # warm the token and partner lookups
    make(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as two:
        api.get("/api/v1/information-requests/")
    make(4)
    with CaptureQueriesContext(connection) as six:
        api.get("/api/v1/information-requests/")
    assert len(six.captured_queries) == len(two.captured_queries)
    inserts = [q for q in six.captured_queries if "INSERT" in q["sql"]]
    assert len(inserts) == 1
    assert AccessLog.objects.filter(kind=AccessKind.DISCLOSURE).count() == 2 + 6
