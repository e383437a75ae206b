"""Partner A never reads or writes partner B's objects: by id, by filter, by cursor."""

import datetime as dt

import pytest

from cases.models import InformationRequest, SignificantChange
from tests.factories import CaseFactory
from tests.partners import information_request_to, post_answer


@pytest.fixture
def other_request(other_team_case, other_officer, other_police):
    return information_request_to(
        other_police, case=other_team_case, by=other_officer, question="Anything on file?"
    )


def test_a_partner_lists_only_requests_addressed_to_it(police, police_request, other_request):
    response = police.client().get("/api/v1/information-requests/")
    assert [r["id"] for r in response.json()["results"]] == [police_request.pk]


def test_a_request_is_found_only_by_the_partner_it_is_addressed_to(
    police, other_police, police_request
):
    assert (
        police.client().get(f"/api/v1/information-requests/{police_request.pk}/").status_code == 200
    )
    response = other_police.client().get(f"/api/v1/information-requests/{police_request.pk}/")
    assert response.status_code == 404


def test_an_unknown_id_and_another_partners_id_look_the_same(other_police, police_request):
    theirs = other_police.client().get(f"/api/v1/information-requests/{police_request.pk}/")
    unknown = other_police.client().get("/api/v1/information-requests/999999/")
    assert (theirs.status_code, theirs.json()) == (unknown.status_code, unknown.json())


def test_filters_never_widen_the_scope(police, police_request, other_request):
    client = police.client()
    for query in (
        "?status=sent",
        "?updated_after=2000-01-01T00:00:00Z",
        "?partner_organisation=999",
    ):
        ids = [
            r["id"] for r in client.get(f"/api/v1/information-requests/{query}").json()["results"]
        ]
        assert ids == [police_request.pk], query


def test_a_cursor_from_another_partner_pages_only_your_own(
    police, other_police, case, officer, other_team_case, other_officer
):
    for n in range(3):
        information_request_to(police, case=case, by=officer, question=f"Q{n}")
        information_request_to(
            other_police, case=other_team_case, by=other_officer, question=f"Q{n}"
        )
    theirs = other_police.client().get("/api/v1/information-requests/?page_size=1").json()
    assert theirs["next"]
    cursor = theirs["next"].split("?", 1)[1]
    mine = police.client().get(f"/api/v1/information-requests/?{cursor}").json()
    own = set(
        InformationRequest.objects.filter(partner_organisation=police.organisation).values_list(
            "pk", flat=True
        )
    )
    assert mine["results"]
    assert {r["id"] for r in mine["results"]} <= own


def test_cursor_pagination_walks_every_own_request_once(police, case, officer):
    made = {
        information_request_to(police, case=case, by=officer, question=f"Q{n}").pk for n in range(5)
    }
    client, seen, url = police.client(), [], "/api/v1/information-requests/?page_size=2"
    while url:
        page = client.get(url).json()
        seen += [r["id"] for r in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted(made)


def test_a_partner_cannot_answer_another_partners_request(other_police, police_request):
    response = post_answer(other_police.client(), police_request, "Not ours to answer", key="x")
    assert response.status_code == 404
    police_request.refresh_from_db()
    assert police_request.status == "sent"


def test_a_partner_cannot_report_events_on_a_case_it_holds_no_request_for(
    other_police, police_request, case
):
    response = other_police.client().post(
        "/api/v1/events/",
        {
            "crn": case.crn,
            "category": "arrest",
            "description": "x",
            "occurred_on": str(dt.date.today()),
        },
        format="json",
        HTTP_IDEMPOTENCY_KEY="e",
    )
    assert response.status_code == 404
    assert not SignificantChange.objects.exists()


def test_restricted_cases_reach_only_the_partner_the_request_names(
    police, other_police, officer, team_a
):
    restricted = CaseFactory(
        crn="R123456", team=team_a, responsible_officer=officer, restricted=True
    )
    info_request = information_request_to(police, case=restricted, by=officer)
    assert (
        police.client().get(f"/api/v1/information-requests/{info_request.pk}/").status_code == 200
    )
    assert (
        other_police.client().get(f"/api/v1/information-requests/{info_request.pk}/").status_code
        == 404
    )
    assert other_police.client().get("/api/v1/information-requests/").json()["results"] == []
