"""Weighted workload, capacity and the report's 55-case marker."""

import pytest

from crc.dashboards import rules

POINTS = {"A3": 206, "C2": 100, "D0": 29}


def test_workload_weights_each_case_by_its_tier():
    workload = rules.weighted_workload({"A3": 1, "C2": 2, "D0": 3}, POINTS, capacity_points=1000)
    assert (workload.cases, workload.points) == (6, 206 + 200 + 87)
    assert workload.capacity_percent == 49  # 493 of 1000


def test_cases_without_a_known_tier_count_as_cases_but_carry_no_points():
    workload = rules.weighted_workload({"": 2, "C2": 1}, POINTS, capacity_points=None)
    assert (workload.cases, workload.points, workload.untiered) == (3, 100, 2)
    assert workload.capacity_percent is None


@pytest.mark.parametrize(("cases", "over"), [(54, False), (55, False), (56, True)])
def test_officers_over_55_cases_are_marked(cases, over):
    workload = rules.weighted_workload({"D0": cases}, POINTS, capacity_points=2000)
    assert workload.over_marker is over


@pytest.mark.parametrize(
    ("points", "capacity", "percent"),
    [(0, 100, 0), (50, 100, 50), (1005, 1000, 101), (1004, 1000, 100), (10, 0, None)],
)
def test_capacity_is_a_whole_percentage(points, capacity, percent):
    assert rules.capacity_percent(points, capacity) == percent


def test_the_share_of_officers_over_the_marker_matches_the_report_style():
    # 77 of 100 officers over 55 cases: the report's 77%.
    assert rules.share_over_marker([56] * 77 + [40] * 23) == 77
    assert rules.share_over_marker([]) is None
