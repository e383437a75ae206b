"""The rest of issue 13's work lists: Grid shortfalls and unread alerts for officers,
countersigning for SPOs, and the dashboard's figures for area managers and SPOs, each
linked to where the work is done, in a fixed number of queries."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import sign_in
from tests.factories import (
    CaseFactory,
    ContactLevelDecisionFactory,
    EscalationFactory,
    NotificationFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


def _home(client, user) -> str:
    sign_in(client, user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_an_officer_sees_cases_short_of_their_contact_level(client, officer, case):
    ContactLevelDecisionFactory(case=case)  # 1 contact in 14 days, none recorded

    page = _home(client, officer)

    assert "Cases short of their contact level this period" in page
    assert reverse("cases:contacts", args=[case.crn]) in page


def test_unread_alerts_link_to_the_inbox_and_read_ones_do_not_count(client, officer):
    NotificationFactory(recipient=officer)
    NotificationFactory(recipient=officer, read_at=timezone.now())

    page = _home(client, officer)

    assert "Unread alerts" in page
    assert f'href="{reverse("notifications:inbox")}">Unread alerts' in page


def test_an_spo_sees_risk_decisions_to_countersign(client, spo, case):
    EscalationFactory(case=case)
    ContactLevelDecisionFactory(case=case, is_reduction=True, source="officer")

    page = _home(client, spo)

    assert "Escalations to countersign" in page
    assert "Contact-level reductions to countersign" in page
    assert reverse("cases:reviews", args=[case.crn]) in page


def test_an_area_manager_sees_their_areas_figures_linked_to_the_cases(
    client, area_manager, case, other_team_case
):
    ReviewFactory(case=case, due_on=timezone.localdate() - dt.timedelta(days=2))

    page = _home(client, area_manager)

    assert "Your dashboard" in page
    assert "Reviews overdue" in page
    assert "section=supervision&amp;figure=reviews_overdue" in page


def test_an_officer_has_no_dashboard_group(client, officer, case):
    ReviewFactory(case=case, due_on=timezone.localdate() - dt.timedelta(days=2))
    assert "Your dashboard" not in _home(client, officer)


def test_the_spos_home_runs_the_same_queries_for_one_case_or_many(
    client, spo, team_a, officer, get_twice_as_rows_grow
):
    def work(n):
        for case in CaseFactory.create_batch(n, team=team_a, responsible_officer=officer):
            EscalationFactory(case=case)
            ContactLevelDecisionFactory(case=case)
            ReviewFactory(case=case, due_on=timezone.localdate() - dt.timedelta(days=2))

    work(1)
    sign_in(client, spo)
    get_twice_as_rows_grow(client, reverse("home"), lambda: work(6), ceiling=28)
