"""Case pages: the permission matrix, the access log, restricted rows and query bounds."""

import pytest
from django.urls import reverse

from cases.risk import contact_levels
from cases.risk import services as risk_services
from crc.access.models import AccessKind, AccessLog
from tests.conftest import sign_in
from tests.factories import CaseFactory
from tests.permissions import as_persona, persona_matrix

pytestmark = pytest.mark.django_db

CASE_PAGES = ["cases:overview", "cases:risk", "cases:sentence", "cases:history"]

# Who may open a case of the officer's in team A (North area). Administrators are asked
# for a reason first (302 to the reason page) and then see it.
MATRIX = {
    "officer": 200,
    "colleague": 200,
    "spo": 200,
    "area_manager": 200,
    "qpm": 200,
    "service_centre": 200,
    "administrator": 302,
    "outsider": 404,
    "excluded": 404,
    "outsider_spo": 404,
    "outsider_area_manager": 404,
}


@pytest.mark.parametrize("page", CASE_PAGES)
@persona_matrix(MATRIX)
def test_case_page_permission_matrix(client, personas, case, page, persona, expected):
    response = as_persona(client, personas, persona).get(reverse(page, args=[case.crn]))
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("cases:reason", args=[case.crn]))


@persona_matrix(
    {
        "officer": (AccessKind.VIEW, "allocated officer"),
        "spo": (AccessKind.VIEW, "line management"),
        "outsider": (AccessKind.DENIED, ""),
        "excluded": (AccessKind.DENIED, ""),
    }
)
def test_viewing_a_case_writes_exactly_one_access_log_row(
    client, personas, case, persona, expected
):
    as_persona(client, personas, persona)
    before = AccessLog.objects.count()
    client.get(reverse("cases:overview", args=[case.crn]))
    rows = list(AccessLog.objects.order_by("-id")[: AccessLog.objects.count() - before])
    assert len(rows) == 1
    row = rows[0]
    assert row.case_crn == case.crn
    assert row.staff == personas[persona]
    assert row.page == "cases:overview"
    assert (row.kind, row.relationship) == expected


def test_a_denied_attempt_at_an_unknown_crn_is_logged_too(client, officer):
    sign_in(client, officer)
    response = client.get(reverse("cases:overview", args=["Z999999"]))
    assert response.status_code == 404
    row = AccessLog.objects.get()
    assert (row.kind, row.case_crn, row.case_id) == (AccessKind.DENIED, "Z999999", None)


def test_an_administrator_states_a_reason_which_is_logged(client, administrator, case):
    sign_in(client, administrator)
    url = reverse("cases:overview", args=[case.crn])
    reason_url = reverse("cases:reason", args=[case.crn])
    empty = client.post(reason_url, {"reason": "", "next": url})
    assert empty.status_code == 200
    assert b"govuk-error-summary" in empty.content
    assert not AccessLog.objects.exists()
    response = client.post(
        reason_url, {"reason": "Support ticket 4411: wrong tier shown", "next": url}
    )
    assert response["Location"] == url
    assert client.get(url).status_code == 200
    row = AccessLog.objects.get()
    assert row.reason == "Support ticket 4411: wrong tier shown"


def test_the_reason_page_will_not_redirect_elsewhere(client, administrator, case):
    sign_in(client, administrator)
    response = client.post(
        reverse("cases:reason", args=[case.crn]),
        {"reason": "Checking a data quality report", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("cases:overview", args=[case.crn])


@pytest.mark.parametrize("persona", ["outsider", "excluded"])
def test_the_reason_page_is_404_out_of_scope(client, personas, case, persona):
    as_persona(client, personas, persona)
    assert client.get(reverse("cases:reason", args=[case.crn])).status_code == 404


def test_caseload_query_count_does_not_grow_with_cases(
    client, officer, team_a, django_assert_max_num_queries
):
    def make(n):
        for _ in range(n):
            c = CaseFactory(team=team_a, responsible_officer=officer)
            risk_services.registration_add(case=c, by=officer, registration_type="mental_health")
            contact_levels.contact_level_change(
                case=c, by=officer, contacts=1, period_days=14, face_to_face=1, reason="x"
            )

    sign_in(client, officer)
    make(10)
    with django_assert_max_num_queries(12) as small:
        assert client.get(reverse("cases:caseload") + "?sort=tier").status_code == 200
    make(60)
    with django_assert_max_num_queries(12) as large:
        response = client.get(reverse("cases:caseload") + "?sort=tier")
    assert response.status_code == 200
    assert len(small.captured_queries) == len(large.captured_queries)
    assert response.content.count(b"govuk-table__row") == 26  # header + 25 per page


def test_restricted_cases_show_as_restricted_with_the_crn_only(client, personas):
    hidden = personas.restricted_case
    as_persona(client, personas, "spo")
    page = client.get(reverse("cases:team_caseload")).content.decode()
    assert "Restricted case" in page
    assert hidden.crn in page
    assert "Secret" not in page
    # A filter never matches a restricted case on data the viewer may not see.
    filtered = client.get(reverse("cases:team_caseload") + f"?tier={hidden.tier}").content.decode()
    assert hidden.crn not in filtered
    # Name search never finds it; CRN search shows it masked.
    assert hidden.crn not in client.get(reverse("cases:search") + "?q=Secret").content.decode()
    by_crn = client.get(reverse("cases:search") + f"?q={hidden.crn}").content.decode()
    assert "Restricted case" in by_crn and "Secret" not in by_crn
    assert client.get(reverse("cases:overview", args=[hidden.crn])).status_code == 404


@persona_matrix(
    {
        "colleague": 200,
        "officer": 404,
        "spo": 404,
        "area_manager": 404,
        "service_centre": 404,
        "administrator": 404,
        "outsider": 404,
    }
)
def test_only_the_people_on_a_restriction_list_may_open_the_case(
    client, personas, persona, expected
):
    url = reverse("cases:overview", args=[personas.restricted_case.crn])
    assert as_persona(client, personas, persona).get(url).status_code == expected


@persona_matrix({"outsider": 200, "officer": 404, "colleague": 404, "spo": 404, "qpm": 200})
def test_another_teams_case_is_out_of_the_officers_scope(client, personas, persona, expected):
    url = reverse("cases:overview", args=[personas.out_of_scope_case.crn])
    assert as_persona(client, personas, persona).get(url).status_code == expected


@pytest.mark.parametrize(
    ("persona", "url_name", "status"),
    [
        ("officer", "cases:caseload", 200),
        ("officer", "cases:team_caseload", 404),
        ("spo", "cases:team_caseload", 200),
        ("qpm", "cases:caseload", 404),
        ("service_centre", "cases:search", 200),
    ],
)
def test_list_pages_by_role(client, personas, persona, url_name, status):
    as_persona(client, personas, persona)
    assert client.get(reverse(url_name)).status_code == status


def test_search_finds_only_cases_in_scope(client, officer, case, other_team_case):
    sign_in(client, officer)
    page = client.get(reverse("cases:search") + f"?q={other_team_case.last_name}").content.decode()
    assert other_team_case.crn not in page
    page = client.get(reverse("cases:search") + f"?q={case.crn}").content.decode()
    assert case.full_name.split()[0] in page


def test_search_with_bad_input_shows_an_error(client, officer):
    sign_in(client, officer)
    response = client.get(reverse("cases:search") + "?q=a")
    assert b"govuk-error-summary" in response.content


def test_the_tier_explanation_is_on_the_risk_page(client, officer, case):
    risk_services.risk_record(
        case=case, by=officer, rosh_overall="medium", rsr_score=7.5, ogrs_score=62
    )
    sign_in(client, officer)
    page = client.get(reverse("cases:risk", args=[case.crn])).content.decode()
    assert "How the tier was worked out" in page
    assert "RSR 7.5%" in page
    assert "only the higher of RoSH and RSR counts" in page


def test_history_shows_who_changed_what(client, officer, spo, case):
    risk_services.risk_record(case=case, by=officer, rosh_overall="medium")
    risk_services.risk_record(case=case, by=spo, rosh_overall="low")
    sign_in(client, officer)
    page = client.get(reverse("cases:history", args=[case.crn])).content.decode()
    assert spo.get_full_name() in page
    assert "Medium" in page and "Low" in page


def test_names_are_escaped_everywhere_they_are_shown(client, officer, team_a):
    evil = CaseFactory(
        team=team_a,
        responsible_officer=officer,
        first_name="<script>alert(1)</script>",
        last_name="<img src=x onerror=alert(2)>",
    )
    sign_in(client, officer)
    for url in [
        reverse("cases:caseload"),
        reverse("cases:overview", args=[evil.crn]),
        reverse("cases:risk", args=[evil.crn]),
        reverse("cases:search") + "?q=script",
        reverse("cases:timeline", args=[evil.crn]),
        reverse("cases:contacts", args=[evil.crn]),
        reverse("cases:assessment", args=[evil.crn]),
        reverse("cases:reviews", args=[evil.crn]),
    ]:
        page = client.get(url).content.decode()
        assert "<script>alert(1)" not in page, url
        assert "<img src=x" not in page, url
