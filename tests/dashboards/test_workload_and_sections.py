"""Workload per officer from editable points, and the dashboard section registry."""

import pytest

from crc.dashboards import registry, selectors
from crc.dashboards.models import WorkloadCapacity, WorkloadPoints
from tests.factories import CaseFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_the_seeded_points_run_from_a3_206_down_to_d0_29():
    points = dict(WorkloadPoints.objects.values_list("tier", "points"))
    assert (points["A3"], points["C2"], points["D0"]) == (206, 100, 29)
    ordered = [points[f"{letter}{n}"] for letter in "ABCD" for n in (3, 2, 1, 0)]
    assert ordered == sorted(ordered, reverse=True)


def test_workload_weights_each_officers_cases_and_marks_those_over_55(team_a, officer, colleague):
    CaseFactory.create_batch(56, team=team_a, responsible_officer=officer, tier="C2")
    CaseFactory.create_batch(2, team=team_a, responsible_officer=colleague, tier="A3")
    CaseFactory(team=team_a, responsible_officer=colleague, tier="C2", status="terminated")
    summary = selectors.workload_by_officer(selectors.dashboard_cases(officer).model.objects.all())
    rows = {row.officer: row.workload for row in summary.officers}
    assert (rows[officer].cases, rows[officer].points) == (56, 5600)
    assert rows[officer].capacity_percent == 102  # 5,600 of 5,500
    assert rows[officer].over_marker and not rows[colleague].over_marker
    assert (rows[colleague].cases, rows[colleague].points) == (2, 412)
    assert summary.by_team[team_a.pk] == {"cases": 58, "points": 6012}
    assert summary.share_over_marker == 50


def test_changing_the_points_table_changes_the_workload(team_a, officer):
    CaseFactory.create_batch(3, team=team_a, responsible_officer=officer, tier="D0")
    WorkloadPoints.objects.filter(tier="D0").update(points=40)
    WorkloadCapacity.objects.filter(role="po").update(points=120)
    summary = selectors.workload_by_officer(CaseFactory._meta.model.objects.all())
    [row] = summary.officers
    assert (row.workload.points, row.workload.capacity_percent) == (120, 100)


def test_the_workload_query_count_does_not_grow_with_cases(
    team_a, officer, django_assert_max_num_queries
):
    for _ in range(5):
        CaseFactory.create_batch(3, team=team_a, responsible_officer=StaffFactory(team=team_a))
    with django_assert_max_num_queries(4):
        selectors.workload_by_officer(CaseFactory._meta.model.objects.all())


def test_the_case_app_registers_the_supervision_section():
    assert "supervision" in [s.key for s in registry.sections()]


def test_a_section_registered_by_another_app_shows_on_the_dashboard(spo, case):
    registry.register_section(
        registry.DashboardSection(
            key="test-satellite",
            title="A satellite app",
            order=90,
            figures=lambda cases, today: [registry.Figure("n", "Cases", cases.count())],
            drill_down=lambda key, cases, today: cases,
        )
    )
    try:
        data = {s.key: s for s in selectors.dashboard_sections(selectors.dashboard_cases(spo))}
        assert data["test-satellite"].figures[0].value == 1
        assert data["supervision"].figures
        assert [s.key for s in registry.sections()][-1] == "test-satellite"
    finally:
        registry.unregister_section("test-satellite")


def test_a_restricted_case_is_counted_on_the_dashboard_but_marked_for_drill_down(spo, team_a):
    CaseFactory(team=team_a, restricted=True)
    cases = selectors.dashboard_cases(spo)
    assert cases.count() == 1
    assert cases.get().access_blocked is True
