"""CSV exports of the dashboard's tables (logged, scoped, formula-safe), the satellite
apps' sections (each drill-down figure equals the cases behind it, in scope only), and
the trends collapsed to one line where a series is empty."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from crc.access.models import AccessKind, AccessLog
from crc.dashboards import registry, selectors
from tests.conftest import sign_in
from tests.factories import (
    CaseAccessEntryFactory,
    CaseFactory,
    CustodyEpisodeFactory,
    ReferralFactory,
    ReviewFactory,
    UnpaidWorkOrderFactory,
)

pytestmark = pytest.mark.django_db

EXPORT = reverse("dashboards:export")


def _overdue(case):
    ReviewFactory(case=case, due_on=timezone.localdate() - dt.timedelta(days=3))


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_cases_behind_a_figure_export_in_scope_logged_once_per_case(
    client, spo, team_a, officer, other_team_case
):
    named = CaseFactory(team=team_a, responsible_officer=officer, first_name="=HYPERLINK(1)")
    hidden = CaseFactory(team=team_a, responsible_officer=officer, last_name="Hidden")
    CaseAccessEntryFactory(case=hidden, staff=spo, kind="exclusion")
    for case in (named, hidden, other_team_case):
        _overdue(case)
    sign_in(client, spo)

    rows = _rows(client.get(EXPORT, {"section": "supervision", "figure": "reviews_overdue"}))

    assert rows[0] == ["CRN", "Name", "Tier", "Responsible officer", "Team"]
    by_crn = {row[0]: row for row in rows[1:]}
    assert set(by_crn) == {named.crn, hidden.crn}
    assert by_crn[named.crn][1].startswith("'")  # defused: not run as a formula
    assert by_crn[hidden.crn][1:] == ["Restricted case", "", "", ""]
    logged = AccessLog.objects.filter(kind=AccessKind.EXPORT, staff=spo)
    assert sorted(logged.values_list("case_crn", flat=True)) == sorted([named.crn, hidden.crn])


def test_each_table_of_the_dashboard_exports_and_is_logged(client, spo, case):
    _overdue(case)
    sign_in(client, spo)

    figures = _rows(client.get(EXPORT, {"section": "supervision", "table": "figures"}))
    quality = _rows(client.get(EXPORT, {"section": "supervision", "table": "data_quality"}))
    trends = _rows(client.get(EXPORT, {"section": "supervision", "table": "trends"}))
    workload = _rows(client.get(EXPORT, {"table": "workload"}))

    assert ["Reviews overdue", "1", "", ""] in figures
    assert quality[0][:2] == ["Name", "Active cases"]
    assert len(trends) == 1 + 12
    assert workload[1][:3] == ["Olu Officer", case.team.name, "1"]
    assert AccessLog.objects.filter(kind=AccessKind.EXPORT, staff=spo, case_id=None).count() == 4


def test_an_export_out_of_bounds_is_404_and_logs_nothing(client, spo, officer):
    sign_in(client, spo)
    assert client.get(EXPORT, {"section": "supervision", "table": "nope"}).status_code == 404
    assert client.get(EXPORT, {"section": "nope", "table": "figures"}).status_code == 404
    sign_in(client, officer)
    assert client.get(EXPORT, {"table": "workload"}).status_code == 404
    assert not AccessLog.objects.filter(kind=AccessKind.EXPORT).exists()


def test_an_empty_trend_is_one_line_not_a_chart(client, spo):
    sign_in(client, spo)
    page = client.get(reverse("dashboards:dashboard")).content.decode()
    assert "None in the last 12 months: Orders and licences started;" in page
    assert "<svg" not in page


def _figure(section_key: str, key: str, cases):
    today = timezone.localdate()
    section = registry.section(section_key)
    figure = next(f for f in section.figures(cases, today=today) if f.key == key)
    return figure, section.drill_down(key, cases, today=today)


def test_unpaid_work_at_risk_equals_the_cases_behind_it_in_scope(
    spo, team_a, officer, other_team_case
):
    today = timezone.localdate()
    mine = CaseFactory(team=team_a, responsible_officer=officer)
    for case in (mine, other_team_case):
        UnpaidWorkOrderFactory(
            requirement__order__case=case,
            start_date=today - dt.timedelta(days=300),
            deadline=today + dt.timedelta(days=10),
        )
    figure, behind = _figure("unpaid_work", "uw_at_risk", selectors.dashboard_cases(spo))
    assert figure.value == behind.count() == 1
    assert list(behind.values_list("pk", flat=True)) == [mine.pk]


def test_interventions_referred_equals_the_cases_behind_it_in_scope(
    spo, team_a, officer, other_team_case
):
    mine = CaseFactory(team=team_a, responsible_officer=officer)
    ReferralFactory(case=mine)
    ReferralFactory(case=mine)
    ReferralFactory(case=other_team_case)
    figure, behind = _figure("interventions", "iv_cases_referred", selectors.dashboard_cases(spo))
    assert figure.value == behind.count() == 1


def test_the_satellite_sections_show_on_the_dashboard(client, spo, case):
    sign_in(client, spo)
    page = client.get(reverse("dashboards:dashboard")).content.decode()
    for heading in ("Unpaid work", "Through the Gate", "Interventions"):
        assert f">{heading}</h2>" in page
    assert "Released with accommodation confirmed" in page


def test_the_dashboard_with_every_apps_rows_runs_the_same_queries_for_one_case_or_many(
    client, qpm, team_a, officer, get_twice_as_rows_grow
):
    today = timezone.localdate()

    def work(n):
        for case in CaseFactory.create_batch(n, team=team_a, responsible_officer=officer):
            _overdue(case)
            UnpaidWorkOrderFactory(
                requirement__order__case=case,
                start_date=today - dt.timedelta(days=300),
                deadline=today + dt.timedelta(days=10),
            )
            ReferralFactory(case=case)
            CustodyEpisodeFactory(case=case)

    work(1)
    sign_in(client, qpm)
    response = get_twice_as_rows_grow(
        client, reverse("dashboards:dashboard"), lambda: work(6), ceiling=200
    )
    assert "Cases with an order at risk" in response.content.decode()
