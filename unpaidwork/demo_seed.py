"""Demo unpaid work: projects across London's boroughs (350 at London scale, as many
again in proportion at national), an unpaid
work record for each unpaid work requirement the case seeder made, with orders in every
state, and sessions with a realistic mix of outcomes (stand-downs about 2%, completion
around the report's 77%). Deterministic from ctx.rng, idempotent (projects by name and
borough, orders by requirement), bulk-written."""

import datetime as dt

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from cases.models import Requirement, RequirementType
from crc.bulkload import RowWriter
from crc.organisation.demo import DemoContext
from crc.organisation.models import Area, PartnerOrganisation, PartnerType, Role, Staff
from unpaidwork import rules
from unpaidwork.models import (
    Attendance,
    EteReferral,
    Induction,
    InductionStatus,
    Outcome,
    Placement,
    PlacementKind,
    Project,
    ProjectSession,
    ProjectType,
    UnpaidWorkOrder,
    UnpaidWorkStatus,
)

BOROUGHS = [
    "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "Croydon",
    "Ealing", "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey",
    "Harrow", "Havering", "Hillingdon", "Hounslow", "Islington", "Kensington and Chelsea",
    "Kingston upon Thames", "Lambeth", "Lewisham", "Merton", "Newham", "Redbridge",
    "Richmond upon Thames", "Southwark", "Sutton", "Tower Hamlets", "Waltham Forest",
    "Wandsworth", "Westminster",
]  # fmt: skip
PLACES = ["Park", "Community Centre", "Allotments", "Church Hall", "Estate", "Food Bank"]
OUTCOME_MIX = {
    Outcome.COMPLIED: 0.84,
    Outcome.ACCEPTABLE_ABSENCE: 0.06,
    Outcome.UNACCEPTABLE_ABSENCE: 0.04,
    Outcome.FAILED_TO_COMPLY: 0.015,
    Outcome.SENT_HOME: 0.005,
    Outcome.STOOD_DOWN: 0.02,
    Outcome.EXPECTED: 0.02,
}
SESSION_DAYS = (1, 3, 5)  # Tuesday, Thursday, Saturday
START, END = dt.time(9, 0), dt.time(16, 30)
SESSION_FIELDS = [
    "project_id", "date", "starts_at", "ends_at", "capacity", "supervisor_id",
    "stood_down", "stood_down_reason", "stood_down_at",
]  # fmt: skip
ATTENDANCE_FIELDS = [
    "session_id", "order_id", "outcome", "started_at", "ended_at", "worked_minutes",
    "work_quality", "behaviour", "recorded_at",
]  # fmt: skip


def _weighted(rng, options: dict):
    return rng.choices(list(options), weights=list(options.values()))[0]


def _projects(ctx: DemoContext) -> list[Project]:
    count = ctx.per_london(350) if ctx.large else 40
    areas = list(Area.objects.order_by("pk"))
    hosts = list(
        PartnerOrganisation.objects.filter(partner_type=PartnerType.UNPAID_WORK_HOST).order_by("pk")
    )
    supervisors = list(Staff.objects.filter(role=Role.UNPAID_WORK_SUPERVISOR).order_by("pk"))
    if not areas:
        return []
    existing = {(p.name, p.borough) for p in Project.objects.all()}
    made = []
    for n in range(count):
        borough = BOROUGHS[n % len(BOROUGHS)]
        name = f"{borough} {PLACES[(n // len(BOROUGHS)) % len(PLACES)]} {n // 192 + 1}"
        if (name, borough) in existing:
            continue
        kind = PlacementKind.INDIVIDUAL if ctx.rng.random() < 0.2 else PlacementKind.GROUP
        made.append(
            Project(
                name=name,
                kind=kind,
                project_type=ctx.rng.choice(ProjectType.values),
                borough=borough,
                address=f"{ctx.rng.randint(1, 200)} High Street, {borough}",
                area=areas[n % len(areas)],
                host=hosts[n % len(hosts)] if hosts and ctx.rng.random() < 0.6 else None,
                supervisor=supervisors[n % len(supervisors)] if supervisors else None,
                capacity_per_session=1 if kind == PlacementKind.INDIVIDUAL else 8,
                women_only=ctx.rng.random() < 0.06,
                near_children=ctx.rng.random() < 0.1,
                near_vulnerable_adults=ctx.rng.random() < 0.1,
                qualification_available=ctx.rng.random() < 0.25,
            )
        )
    bulk_create_with_history(made, Project, batch_size=500, default_change_reason="Demo data")
    return list(Project.objects.filter(status="active").order_by("pk"))


def seed_unpaid_work(ctx: DemoContext) -> None:
    rng = ctx.rng
    today = timezone.localdate()
    now = timezone.now()
    projects = _projects(ctx)
    requirements = list(
        Requirement.objects.filter(
            requirement_type=RequirementType.UNPAID_WORK,
            unpaid_work__isnull=True,
            length__gte=rules.MIN_HOURS,
            length__lte=rules.MAX_HOURS,
        )
        .select_related("order__case")
        .order_by("pk")
    )
    if not projects or not requirements:
        ctx.log(f"unpaid work: {len(projects)} projects, no new orders")
        return
    orders = []
    for req in requirements:
        start = req.order.start_date
        closed = start + dt.timedelta(days=365) < today
        status = (
            (UnpaidWorkStatus.COMPLETED if rng.random() < 0.77 else UnpaidWorkStatus.ENDED)
            if closed
            else (
                UnpaidWorkStatus.AWAITING_INDUCTION
                if (today - start).days < 14
                else UnpaidWorkStatus.ACTIVE
            )
        )
        orders.append(
            UnpaidWorkOrder(
                requirement=req,
                case=req.order.case,
                hours_ordered=req.length,
                start_date=start,
                deadline=rules.deadline(start),
                status=status,
                closed_on=start + dt.timedelta(days=rng.randint(200, 365)) if closed else None,
            )
        )
    bulk_create_with_history(orders, UnpaidWorkOrder, batch_size=1000)
    orders = list(
        UnpaidWorkOrder.objects.filter(requirement__in=requirements).select_related("case")
    )
    inductions, referrals, placements, attendances = [], [], [], []
    # A second run books its new orders into the sessions the first one made.
    sessions: dict[tuple[int, dt.date], ProjectSession] = {
        (s.project_id, s.date): s for s in ProjectSession.objects.filter(project__in=projects)
    }
    booked: dict[tuple[int, dt.date], int] = {}
    plans = []
    for order in orders:
        if order.status == UnpaidWorkStatus.AWAITING_INDUCTION:
            continue
        induction_at = dt.datetime.combine(
            order.start_date + dt.timedelta(days=rng.randint(2, 12)), START, tzinfo=dt.UTC
        )
        inductions.append(
            Induction(
                order=order,
                starts_at=induction_at,
                status=InductionStatus.DONE,
                understanding_checked=True,
                understanding_notes="Explained the hours, the rules and what happens on absence.",
                recorded_at=induction_at,
            )
        )
        if order.case.employment_status == "unemployed":
            referrals.append(EteReferral(order=order, automatic=True, created_at=induction_at))
        suitable = [p for p in projects if not p.women_only or order.case.sex == "female"]
        project = rng.choice(suitable)
        placements.append(
            Placement(
                order=order,
                project=project,
                reason="Fits the person's risk and availability",
                allocated_at=induction_at,
                ended_at=None,
            )
        )
        plans.append((order, project, induction_at.date()))
    progress = ctx.progress("unpaid work", len(plans), "orders")
    for order, project, first_day in plans:
        progress.advance()
        last_day = min(order.closed_on or today, today)
        day = first_day + dt.timedelta(days=(SESSION_DAYS[order.pk % 3] - first_day.weekday()) % 7)
        target = order.hours_ordered * 60 * (1 if order.status == "completed" else rng.random())
        done = 0
        while day <= last_day and done < target:
            key = (project.pk, day)
            if booked.get(key, 0) < project.capacity_per_session:
                booked[key] = booked.get(key, 0) + 1
                session = sessions.get(key)
                if session is None:
                    down = rng.random() < 0.02
                    session = sessions[key] = ProjectSession(
                        project=project,
                        date=day,
                        starts_at=START,
                        ends_at=END,
                        capacity=project.capacity_per_session,
                        supervisor=project.supervisor,
                        stood_down=down,
                        stood_down_reason="No supervisor available" if down else "",
                        stood_down_at=now if down else None,
                    )
                outcome = Outcome.STOOD_DOWN if session.stood_down else _weighted(rng, OUTCOME_MIX)
                if day >= today:
                    outcome = Outcome.EXPECTED
                attended = outcome in rules.ATTENDED
                worked = 420 if outcome == Outcome.COMPLIED else (180 if attended else 0)
                done += worked
                attendances.append(
                    (
                        key,
                        Attendance(
                            order=order,
                            outcome=outcome,
                            started_at=START if attended else None,
                            ended_at=dt.time(16, 0)
                            if outcome == Outcome.COMPLIED
                            else (dt.time(12, 0) if attended else None),
                            worked_minutes=worked,
                            work_quality=rng.randint(2, 5) if attended else None,
                            behaviour=rng.randint(2, 5) if attended else None,
                            recorded_at=None if outcome == Outcome.EXPECTED else now,
                        ),
                    )
                )
            day += dt.timedelta(days=7)
    bulk_create_with_history(inductions, Induction, batch_size=2000)
    EteReferral.objects.bulk_create(referrals, batch_size=2000, ignore_conflicts=True)
    bulk_create_with_history(placements, Placement, batch_size=2000)
    # The two big tables by COPY (crc.bulkload); seed_demo gives each row its history.
    with RowWriter(ProjectSession, SESSION_FIELDS) as writer:
        for session in sessions.values():
            if session.pk is None:
                session.pk = writer.add(**{f: getattr(session, f) for f in SESSION_FIELDS})
    with RowWriter(Attendance, ATTENDANCE_FIELDS) as writer:
        for key, attendance in attendances:
            attendance.session_id = sessions[key].pk
            writer.add(**{f: getattr(attendance, f) for f in ATTENDANCE_FIELDS})
    rows = attendances
    progress.finish()
    ctx.log(
        f"unpaid work: {len(projects)} projects, {len(orders)} orders, "
        f"{len(sessions)} sessions, {len(rows)} attendances"
    )
