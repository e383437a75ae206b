"""Unpaid work's section of the managers' dashboards (issue 13; DOMAIN.md §5), over the
cases the viewer's dashboard counts (already scoped through crc.access).

Registered from UnpaidWorkConfig.ready(). Figures over the last 12 months: completion
rate (cases whose order closed, and of those completed), stand-down rate (places on
sessions stood down out of places booked), hours delivered, and orders at risk today
(hours left outrun the sessions possible before the deadline). A fixed number of
queries however many orders there are; the at-risk figure drills down to its cases.
"""

import datetime as dt

from django.db.models import Count, Q, QuerySet, Sum

from crc.dashboards.registry import DashboardSection, Figure
from unpaidwork import rules
from unpaidwork.models import (
    OPEN_STATUSES,
    Attendance,
    Outcome,
    UnpaidWorkOrder,
    UnpaidWorkStatus,
)
from unpaidwork.selectors import orders_at_risk_among

PERIOD = dt.timedelta(days=365)
AT_RISK = "uw_at_risk"


def _orders(cases: QuerySet) -> QuerySet:
    return UnpaidWorkOrder.objects.filter(case__in=cases.values("pk"))


def at_risk_case_ids(cases: QuerySet, *, today: dt.date) -> set[int]:
    """Cases with an open order at risk of not being completed in time."""
    # Only what the at-risk test reads: nationally, tens of thousands of open orders.
    orders = list(
        _orders(cases)
        .filter(status__in=OPEN_STATUSES)
        .only("id", "case", "hours_ordered", "start_date", "deadline")
    )
    return {order.case_id for order, _ in orders_at_risk_among(orders, today=today)}


def unpaid_work_figures(cases: QuerySet, *, today: dt.date) -> list[Figure]:
    since = today - PERIOD
    closed = _orders(cases).aggregate(
        closed=Count(
            "case",
            distinct=True,
            filter=Q(
                status__in=[UnpaidWorkStatus.COMPLETED, UnpaidWorkStatus.ENDED],
                closed_on__gte=since,
                closed_on__lte=today,
            ),
        ),
        completed=Count(
            "case",
            distinct=True,
            filter=Q(status=UnpaidWorkStatus.COMPLETED, closed_on__gte=since, closed_on__lte=today),
        ),
    )
    places = Attendance.objects.filter(
        order__case__in=cases.values("pk"), session__date__gte=since, session__date__lte=today
    ).aggregate(
        booked=Count("pk"),
        stood_down=Count("pk", filter=Q(outcome=Outcome.STOOD_DOWN)),
        minutes=Sum("worked_minutes", filter=Q(outcome__in=rules.ATTENDED)),
    )
    return [
        Figure(
            "uw_completed",
            "Orders completed, of orders closed in the last 12 months (cases)",
            closed["completed"],
            denominator=closed["closed"],
            drill_down=False,
        ),
        Figure(
            "uw_stood_down",
            "Places stood down, of places booked in the last 12 months",
            places["stood_down"],
            denominator=places["booked"],
            drill_down=False,
        ),
        Figure(
            "uw_hours",
            "Hours of unpaid work delivered in the last 12 months",
            (places["minutes"] or 0) // 60,
            drill_down=False,
        ),
        *unpaid_work_case_figures(cases, today=today),
    ]


def unpaid_work_case_figures(cases: QuerySet, *, today: dt.date) -> list[Figure]:
    """The one figure with cases behind it (the home page's work list shows no other)."""
    return [
        Figure(AT_RISK, "Cases with an order at risk", len(at_risk_case_ids(cases, today=today)))
    ]


def unpaid_work_cases_behind(key: str, cases: QuerySet, *, today: dt.date) -> QuerySet:
    if key != AT_RISK:
        raise LookupError(f"No unpaid work figure {key!r} with cases behind it")
    return cases.filter(pk__in=at_risk_case_ids(cases, today=today))


SECTION = DashboardSection(
    key="unpaid_work",
    title="Unpaid work",
    order=20,
    figures=unpaid_work_figures,
    drill_down=unpaid_work_cases_behind,
    case_figures=unpaid_work_case_figures,
)
