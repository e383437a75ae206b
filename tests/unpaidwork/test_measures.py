"""The measures the dashboards read equal counts made directly from the rows."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import (
    AreaFactory,
    AttendanceFactory,
    OfficeFactory,
    PlacementFactory,
    ProjectFactory,
    ProjectSessionFactory,
    TeamFactory,
    UnpaidWorkOrderFactory,
)
from unpaidwork import selectors
from unpaidwork.models import Attendance, Outcome, UnpaidWorkOrder, UnpaidWorkStatus

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 30)
START, END = dt.date(2026, 10, 1), dt.date(2026, 10, 31)


@pytest.fixture
def world():
    """Two areas, a team and a project in each; attendances in and out of the range."""
    areas = [AreaFactory(), AreaFactory()]
    teams = [TeamFactory(office=OfficeFactory(area=area)) for area in areas]
    projects = [ProjectFactory(area=area) for area in areas]
    mix = [
        (Outcome.COMPLIED, 420),
        (Outcome.COMPLIED, 390),
        (Outcome.SENT_HOME, 120),
        (Outcome.STOOD_DOWN, 0),
        (Outcome.UNACCEPTABLE_ABSENCE, 0),
    ]
    for i, (team, project) in enumerate(zip(teams, projects, strict=True)):
        orders = [UnpaidWorkOrderFactory(requirement__order__case__team=team) for _ in range(3)]
        for n, day in enumerate([START, dt.date(2026, 10, 15), END, dt.date(2026, 11, 2)]):
            session = ProjectSessionFactory(project=project, date=day)
            for order, (outcome, minutes) in zip(orders, mix[(n + i) % 5 :] + mix, strict=False):
                AttendanceFactory(
                    session=session, order=order, outcome=outcome, worked_minutes=minutes
                )
        for order, status, closed in [
            (orders[0], UnpaidWorkStatus.COMPLETED, dt.date(2026, 10, 10)),
            (orders[1], UnpaidWorkStatus.ENDED, dt.date(2026, 10, 20)),
            (orders[2], UnpaidWorkStatus.COMPLETED, dt.date(2026, 9, 20)),  # before the range
        ]:
            PlacementFactory(order=order, project=project)
            order.status, order.closed_on = status, closed
            order.save()
    return teams, projects


def in_range():
    return Attendance.objects.filter(session__date__gte=START, session__date__lte=END)


@pytest.mark.parametrize(
    "group_by, key",
    [
        ("project", "session__project_id"),
        ("team", "order__case__team_id"),
        ("area", "session__project__area_id"),
    ],
)
def test_stand_down_rate_and_hours_delivered_equal_direct_counts(world, group_by, key):
    rates = selectors.stand_down_rate(start=START, end=END, group_by=group_by)
    hours = selectors.hours_delivered(start=START, end=END, group_by=group_by)
    groups = set(in_range().values_list(key, flat=True))
    assert set(rates) == groups
    for group in groups:
        rows = list(in_range().filter(**{key: group}))
        down = sum(a.outcome == Outcome.STOOD_DOWN for a in rows)
        assert (rates[group].numerator, rates[group].denominator) == (down, len(rows))
        worked = sum(a.worked_minutes for a in rows if a.outcome in {"complied", "sent_home"})
        assert hours[group] == worked / 60


def test_completion_rate_counts_orders_closed_in_the_range(world):
    teams, projects = world
    by_team = selectors.completion_rate(start=START, end=END, group_by="team")
    by_project = selectors.completion_rate(start=START, end=END, group_by="project")
    by_area = selectors.completion_rate(start=START, end=END, group_by="area")
    for team, project in zip(teams, projects, strict=True):
        closed = UnpaidWorkOrder.objects.filter(
            case__team=team, closed_on__gte=START, closed_on__lte=END
        )
        done = closed.filter(status=UnpaidWorkStatus.COMPLETED).count()
        expected = (done, closed.count())
        assert (by_team[team.pk].numerator, by_team[team.pk].denominator) == expected
        assert (by_project[project.pk].numerator, by_project[project.pk].denominator) == expected
        area = team.office.area_id
        assert (by_area[area].numerator, by_area[area].denominator) == expected
        assert by_team[team.pk].rate == 0.5


def test_orders_at_risk_are_counted_by_group(world):
    teams, _projects = world
    start = timezone.localdate() - dt.timedelta(days=350)
    risky = UnpaidWorkOrderFactory(
        requirement__order__case__team=teams[0],
        requirement__length=300,
        requirement__order__start_date=start,
    )
    UnpaidWorkOrderFactory(requirement__order__case__team=teams[1])  # time in hand
    today = timezone.localdate()
    assert selectors.at_risk_orders(today=today, group_by="team") == {teams[0].pk: 1}
    assert selectors.at_risk_orders(today=today, group_by="area") == {teams[0].office.area_id: 1}
    assert selectors.at_risk_orders(today=today, group_by="project") == {None: 1}
    assert risky in [order for order, _ in selectors.open_orders_at_risk(today=today)]


def test_an_unknown_grouping_is_refused():
    with pytest.raises(ValueError, match="group_by"):
        selectors.hours_delivered(start=START, end=END, group_by="borough")


def test_the_measures_run_a_fixed_number_of_queries(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        selectors.stand_down_rate(start=START, end=END, group_by="area")
    with django_assert_num_queries(1):
        selectors.completion_rate(start=START, end=END, group_by="project")
    # The policy row, the open orders, their attendances.
    with django_assert_num_queries(3):
        selectors.at_risk_orders(today=TODAY, group_by="team")
