"""The dashboards page and the cases behind each figure: scoped to the viewer, restricted
cases counted but named by CRN only, in a fixed number of queries."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import sign_in
from tests.factories import CaseFactory, ReviewFactory

pytestmark = pytest.mark.django_db

OVERDUE = reverse("dashboards:drill_down") + "?section=supervision&figure=reviews_overdue"


def _overdue_review(case):
    ReviewFactory(case=case, due_on=timezone.localdate() - dt.timedelta(days=3))


def test_an_spo_sees_the_supervision_figures_and_workload_for_their_team(client, spo, case):
    _overdue_review(case)
    sign_in(client, spo)

    page = client.get(reverse("dashboards:dashboard")).content.decode()

    assert "Reviews overdue" in page
    assert "figure=reviews_overdue" in page
    assert "Workload per officer" in page
    assert "Olu Officer" in page


def test_the_cases_behind_a_figure_link_to_each_case(client, spo, case):
    _overdue_review(case)
    sign_in(client, spo)

    page = client.get(OVERDUE).content.decode()

    assert reverse("cases:overview", args=[case.crn]) in page
    assert case.last_name in page


def test_a_restricted_case_behind_a_figure_is_listed_by_crn_only(client, spo, team_a, officer):
    hidden = CaseFactory(team=team_a, responsible_officer=officer, restricted=True)
    _overdue_review(hidden)
    sign_in(client, spo)

    page = client.get(OVERDUE).content.decode()

    assert hidden.crn in page
    assert "Restricted case" in page
    assert hidden.last_name not in page


def test_another_teams_cases_are_not_behind_an_spos_figure(client, spo, other_team_case):
    _overdue_review(other_team_case)
    sign_in(client, spo)

    page = client.get(OVERDUE).content.decode()

    assert other_team_case.crn not in page


def test_an_unknown_figure_is_not_found(client, spo):
    sign_in(client, spo)

    response = client.get(reverse("dashboards:drill_down") + "?section=supervision&figure=nope")

    assert response.status_code == 404


def test_an_officer_may_not_open_the_dashboards(client, officer):
    sign_in(client, officer)

    assert client.get(reverse("dashboards:dashboard")).status_code == 404


def test_the_dashboard_runs_the_same_queries_for_one_case_or_many(
    client, qpm, team_a, officer, get_twice_as_rows_grow
):
    _overdue_review(CaseFactory(team=team_a, responsible_officer=officer))
    sign_in(client, qpm)

    def six_more():
        for _ in range(6):
            _overdue_review(CaseFactory(team=team_a, responsible_officer=officer))

    response = get_twice_as_rows_grow(
        client, reverse("dashboards:dashboard"), six_more, ceiling=200
    )
    assert response.status_code == 200
