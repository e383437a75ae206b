"""Reads with a shape: an order's progress (worked out from its sessions every time),
what allocation needs to know, and the measures the dashboards read (DOMAIN.md §5:
completion rate, stand-down rate, hours delivered, orders at risk), by project, team or
area over a date range. Each runs a fixed number of queries whatever the row count."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum, Window
from django.db.models.functions import RowNumber

from cases.notify import notify_fields
from unpaidwork import policy, rules
from unpaidwork.models import (
    OPEN_STATUSES,
    Attendance,
    KnownTension,
    Outcome,
    Placement,
    Project,
    ProjectSession,
    ProjectStatus,
    UnpaidWorkOrder,
    UnpaidWorkStatus,
)

GROUPS = ("project", "team", "area")
# How far ahead allocation looks for clashes with childcare and paid work.
ALLOCATION_HORIZON = dt.timedelta(weeks=8)


# --- Progress -----------------------------------------------------------------------------


def s37_for(order: UnpaidWorkOrder, current=None) -> bool:
    current = current or policy.current()
    return rules.s37_applies(
        order.start_date, enabled=current.s37_enabled, commencement=current.s37_commencement
    )


def progress_for_orders(orders: Iterable[UnpaidWorkOrder]) -> dict[int, rules.Progress]:
    """Each order's hours credited, s.37 credit and remaining, in one query."""
    orders = list(orders)
    current = policy.current()
    records = defaultdict(list)
    # Plain rows, not model instances: the nightly at-risk job reads every open order's
    # attendances (60,000+ in London), and building models was most of its time. Each
    # row carries SessionRecord's fields by name.
    for row in (
        Attendance.objects.filter(order__in=[o.pk for o in orders])
        .exclude(outcome=Outcome.EXPECTED)
        .values(
            "order_id",
            "outcome",
            "started_at",
            "ended_at",
            "penalty_minutes",
            "ete_minutes",
            "travel_minutes",
            on=F("session__date"),
        )
    ):
        records[row.pop("order_id")].append(rules.SessionRecord(**row))
    return {
        o.pk: rules.progress(o.hours_ordered, records[o.pk], s37=s37_for(o, current))
        for o in orders
    }


def recent_sessions_for_orders(
    orders: Iterable[UnpaidWorkOrder], *, per_order: int = 10
) -> dict[int, list[Attendance]]:
    """Each order's latest `per_order` attendances with their session and project, in
    one query however many orders (a window ranks each order's rows; the database
    keeps the first `per_order` of each)."""
    rows = defaultdict(list)
    ranked = (
        Attendance.objects.filter(order__in=[o.pk for o in orders])
        .select_related("session__project")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("order_id")],
                order_by=[F("session__date").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=per_order)
        .order_by("order_id", "rank")
    )
    for attendance in ranked:
        rows[attendance.order_id].append(attendance)
    return rows


def order_progress(order: UnpaidWorkOrder) -> rules.Progress:
    return progress_for_orders([order])[order.pk]


# --- Allocation ---------------------------------------------------------------------------


def allocation_inputs(
    order: UnpaidWorkOrder, project: Project, *, today: dt.date
) -> tuple[rules.PersonForAllocation, rules.ProjectForAllocation]:
    case = order.case
    tensions = set()
    for first, second in KnownTension.objects.filter(Q(case=case) | Q(other=case)).values_list(
        "case_id", "other_id"
    ):
        tensions.add(second if first == case.pk else first)
    person = rules.PersonForAllocation(
        case_id=case.pk,
        sex=case.sex,
        no_work_near_children=order.no_work_near_children,
        no_work_near_vulnerable_adults=order.no_work_near_vulnerable_adults,
        childcare=rules.parse_windows(order.childcare_times),
        employment=rules.parse_windows(order.employment_times),
        tensions=frozenset(tensions),
    )
    sessions = ProjectSession.objects.filter(
        project=project, stood_down=False, date__gte=today, date__lte=today + ALLOCATION_HORIZON
    ).values_list("date", "starts_at", "ends_at")
    placed = Placement.objects.filter(project=project, ended_at__isnull=True).exclude(order=order)
    candidate = rules.ProjectForAllocation(
        women_only=project.women_only,
        near_children=project.near_children,
        near_vulnerable_adults=project.near_vulnerable_adults,
        active=project.status == ProjectStatus.ACTIVE,
        sessions=list(sessions),
        people_placed=frozenset(placed.values_list("order__case_id", flat=True)),
    )
    return person, candidate


# --- Measures -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    @property
    def rate(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None


def _check_group(group_by: str) -> None:
    if group_by not in GROUPS:
        raise ValueError(f"group_by must be one of {GROUPS}")


def _order_key(group_by: str) -> str:
    return {
        "project": "last_project",
        "team": "case__team_id",
        "area": "case__team__office__area_id",
    }[group_by]


def _attendance_key(group_by: str) -> str:
    return {
        "project": "session__project_id",
        "team": "order__case__team_id",
        "area": "session__project__area_id",
    }[group_by]


def _last_project():
    latest = Placement.objects.filter(order=OuterRef("pk")).order_by("-allocated_at", "-pk")
    return Subquery(latest.values("project_id")[:1])


def completion_rate(*, start: dt.date, end: dt.date, group_by: str) -> dict[int | None, Rate]:
    """Orders completed out of orders closed (completed or ended by the court) in the
    range. By project means the project of the person's last placement."""
    _check_group(group_by)
    key = _order_key(group_by)
    rows = (
        UnpaidWorkOrder.objects.filter(
            status__in=[UnpaidWorkStatus.COMPLETED, UnpaidWorkStatus.ENDED],
            closed_on__gte=start,
            closed_on__lte=end,
        )
        .annotate(last_project=_last_project())
        .values(key)
        .annotate(done=Count("pk", filter=Q(status=UnpaidWorkStatus.COMPLETED)), total=Count("pk"))
    )
    return {row[key]: Rate(row["done"], row["total"]) for row in rows}


def _attendances_between(start: dt.date, end: dt.date):
    return Attendance.objects.filter(session__date__gte=start, session__date__lte=end)


def stand_down_rate(*, start: dt.date, end: dt.date, group_by: str) -> dict[int | None, Rate]:
    """Places on sessions stood down by the provider, out of all places booked."""
    _check_group(group_by)
    key = _attendance_key(group_by)
    rows = (
        _attendances_between(start, end)
        .values(key)
        .annotate(down=Count("pk", filter=Q(outcome=Outcome.STOOD_DOWN)), total=Count("pk"))
    )
    return {row[key]: Rate(row["down"], row["total"]) for row in rows}


def hours_delivered(*, start: dt.date, end: dt.date, group_by: str) -> dict[int | None, float]:
    """Hours worked at sessions in the range (after penalty minutes)."""
    _check_group(group_by)
    key = _attendance_key(group_by)
    rows = (
        _attendances_between(start, end)
        .filter(outcome__in=rules.ATTENDED)
        .values(key)
        .annotate(minutes=Sum("worked_minutes"))
    )
    return {row[key]: (row["minutes"] or 0) / 60 for row in rows}


def open_orders_at_risk(*, today: dt.date) -> list[tuple[UnpaidWorkOrder, rules.Progress]]:
    """Open orders whose hours left outrun the sessions possible before the deadline."""
    orders = list(
        UnpaidWorkOrder.objects.filter(status__in=OPEN_STATUSES)
        .annotate(last_project=_last_project())
        .select_related("case__responsible_officer", "case__team__office")
        # Every open order in the country: only what the job, the measures and the
        # access policy read (the case and officer rows are wide).
        .only(
            "id",
            "hours_ordered",
            "start_date",
            "deadline",
            "status",
            "case",
            *notify_fields("case"),
            "case__team__id",
            "case__team__office",
            "case__team__office__id",
            "case__team__office__area",
        )
    )
    return orders_at_risk_among(orders, today=today)


def orders_at_risk_among(
    orders: list[UnpaidWorkOrder], *, today: dt.date
) -> list[tuple[UnpaidWorkOrder, rules.Progress]]:
    """Those of these orders whose hours left outrun the sessions possible before the
    deadline, with their progress: the one at-risk test the nightly job and the
    dashboard figure both use. One query for the progress of them all."""
    current = policy.current()

    def outruns(minutes: int, order: UnpaidWorkOrder) -> bool:
        return rules.at_risk(
            minutes,
            today,
            order.deadline,
            session_minutes=current.session_minutes,
            sessions_per_week=current.sessions_per_week,
        )

    # The hours left are never more than the hours ordered, so an order whose hours
    # ordered fit in the sessions left is not at risk: its attendances are not read
    # (nationally, most of the open orders' hundreds of thousands; issue 14).
    candidates = [order for order in orders if outruns(order.hours_ordered * 60, order)]
    progress = progress_for_orders(candidates)
    return [
        (order, progress[order.pk])
        for order in candidates
        if outruns(progress[order.pk].remaining_minutes, order)
    ]


def at_risk_orders(*, today: dt.date, group_by: str, start: dt.date | None = None) -> dict:
    """Open orders at risk as at `today`, counted by group; `start` leaves out orders that
    began before it."""
    _check_group(group_by)
    counts: dict[int | None, int] = defaultdict(int)
    for order, _progress in open_orders_at_risk(today=today):
        if start is not None and order.start_date < start:
            continue
        if group_by == "project":
            counts[order.last_project] += 1
        elif group_by == "team":
            counts[order.case.team_id] += 1
        else:
            counts[order.case.team.office.area_id if order.case.team_id else None] += 1
    return dict(counts)


def no_recent_session(*, today: dt.date, days: int):
    """Active orders with a current placement and no session (held or booked) in the
    last `days` days or later."""
    since = today - dt.timedelta(days=days)
    recent = Attendance.objects.filter(order=OuterRef("pk"), session__date__gte=since)
    placed = Placement.objects.filter(order=OuterRef("pk"), ended_at__isnull=True)
    return (
        UnpaidWorkOrder.objects.filter(status=UnpaidWorkStatus.ACTIVE)
        .filter(Exists(placed))
        .exclude(Exists(recent))
        .select_related("case__responsible_officer")
    )
