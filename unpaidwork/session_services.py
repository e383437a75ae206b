"""Every write for project sessions: putting them on, scheduling people within capacity,
standing a session down, and recording each person's outcome (DOMAIN.md §5).

A failure to comply or an unacceptable absence enters the enforcement flow through
cases.contacts.services.contact_record: the contact it records is a failure, so the
responsible officer has the enforcement decision to make, as for any other failure."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cases.contacts import services as contact_services
from cases.models import AttendanceOutcome, ContactType
from cases.timeline import LONDON
from crc.access import unpaid_work as uw_access
from crc.domain import DomainError
from unpaidwork import notices, rules
from unpaidwork.models import (
    OUTCOME_TRANSITIONS,
    Attendance,
    Outcome,
    Project,
    ProjectSession,
    ProjectStatus,
    UnpaidWorkOrder,
    UnpaidWorkStatus,
)
from unpaidwork.selectors import order_progress
from unpaidwork.services import order_move
from unpaidwork.writes import check_version, move, save

CONTACT_OUTCOME = {
    Outcome.FAILED_TO_COMPLY: AttendanceOutcome.ATTENDED_FAILED,
    Outcome.UNACCEPTABLE_ABSENCE: AttendanceOutcome.UNACCEPTABLE_ABSENCE,
}


def session_start(session: ProjectSession) -> dt.datetime:
    return dt.datetime.combine(session.date, session.starts_at, tzinfo=LONDON)


@transaction.atomic
def session_create(
    *,
    project: Project,
    by,
    date: dt.date,
    starts_at: dt.time,
    ends_at: dt.time,
    capacity: int | None = None,
    supervisor=None,
) -> ProjectSession:
    if project.status != ProjectStatus.ACTIVE:
        raise DomainError("The project is closed")
    supervisor = supervisor or project.supervisor
    if supervisor is not None and not uw_access.may_supervise_sessions(supervisor):
        raise DomainError("Choose an unpaid work supervisor", field="supervisor")
    if ProjectSession.objects.filter(project=project, date=date, starts_at=starts_at).exists():
        raise DomainError("The project already has a session at that time")
    session = ProjectSession(
        project=project,
        date=date,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity or project.capacity_per_session,
        supervisor=supervisor,
    )
    save(session, by)
    return session


@transaction.atomic
def session_schedule(*, session: ProjectSession, order: UnpaidWorkOrder, by) -> Attendance:
    """Expect the person at a session of their project, if a place is free."""
    # Locked: two coordinators filling the last place must not both succeed.
    session = ProjectSession.objects.select_for_update().get(pk=session.pk)
    if session.stood_down:
        raise DomainError("The session has been stood down")
    if session.date < timezone.localdate():
        raise DomainError("The session has already happened")
    if order.status != UnpaidWorkStatus.ACTIVE:
        raise DomainError("Schedule sessions once the induction is done")
    if not order.placements.filter(project_id=session.project_id, ended_at__isnull=True).exists():
        raise DomainError("The person is not placed on this project")
    if session.attendances.filter(order=order).exists():
        raise DomainError("The person is already expected at this session")
    if session.attendances.count() >= session.capacity:
        raise DomainError(f"The session is full ({session.capacity} places)")
    attendance = Attendance(session=session, order=order, scheduled_by=by)
    save(attendance, by)
    return attendance


@transaction.atomic
def session_stand_down(*, session: ProjectSession, by, reason: str) -> ProjectSession:
    """The provider stands the session down: everyone expected is recorded as stood down,
    which never counts against them (no hours lost, no failure, no s.37 loss)."""
    if not reason.strip():
        raise DomainError("Say why the session is stood down", field="reason")
    session = ProjectSession.objects.select_for_update().get(pk=session.pk)
    if session.stood_down:
        raise DomainError("The session is already stood down")
    session.stood_down = True
    session.stood_down_reason = reason.strip()
    session.stood_down_by = by
    session.stood_down_at = timezone.now()
    save(session, by)
    expected = session.attendances.filter(outcome=Outcome.EXPECTED).select_related(
        "order__case__responsible_officer", "session__project"
    )
    for attendance in expected:
        attendance.outcome = Outcome.STOOD_DOWN
        attendance.recorded_by = by
        attendance.recorded_at = session.stood_down_at
        save(attendance, by, bump=True)
        notices.outcome_recorded(attendance)
    return session


def _check_times(outcome: str, started_at, ended_at, session: ProjectSession) -> None:
    if outcome not in rules.ATTENDED:
        return
    if started_at is None or ended_at is None:
        raise DomainError("Enter the times the person started and finished", field="started_at")
    if ended_at <= started_at:
        raise DomainError("The finish time must be after the start time", field="ended_at")
    if started_at < session.starts_at or ended_at > session.ends_at:
        raise DomainError("The hours must fall within the session", field="started_at")


@transaction.atomic
def attendance_record(
    *,
    attendance: Attendance,
    by,
    expected_version: int,
    outcome: str,
    started_at: dt.time | None = None,
    ended_at: dt.time | None = None,
    penalty_minutes: int = 0,
    ete_minutes: int = 0,
    travel_minutes: int = 0,
    work_quality: int | None = None,
    behaviour: int | None = None,
    notes: str = "",
) -> Attendance:
    """Record what happened. Every outcome reaches the responsible officer; a failure to
    comply or an unacceptable absence also enters the enforcement flow."""
    attendance = (
        Attendance.objects.select_for_update(of=("self",))
        .select_related("session__project", "order__case__responsible_officer")
        .get(pk=attendance.pk)
    )
    check_version(attendance, expected_version)
    session = attendance.session
    if outcome == Outcome.STOOD_DOWN:
        raise DomainError("Stand the whole session down instead", field="outcome")
    if outcome not in Outcome.values or outcome == Outcome.EXPECTED:
        raise DomainError("Choose what happened", field="outcome")
    if session_start(session) > timezone.now():
        raise DomainError("The session has not started yet")
    if travel_minutes > rules.TRAVEL_CAP_MINUTES:
        raise DomainError(
            f"Travel time credited is at most {rules.TRAVEL_CAP_MINUTES} minutes",
            field="travel_minutes",
        )
    _check_times(outcome, started_at, ended_at, session)
    move(attendance, OUTCOME_TRANSITIONS, outcome, "attendance", attribute="outcome")
    attended = outcome in rules.ATTENDED
    attendance.started_at = started_at if attended else None
    attendance.ended_at = ended_at if attended else None
    attendance.penalty_minutes = penalty_minutes if attended else 0
    attendance.travel_minutes = travel_minutes if attended else 0
    attendance.ete_minutes = ete_minutes
    attendance.work_quality = work_quality if attended else None
    attendance.behaviour = behaviour if attended else None
    attendance.notes = notes.strip()
    attendance.worked_minutes = rules.worked_minutes(
        rules.SessionRecord(
            on=session.date,
            outcome=outcome,
            started_at=attendance.started_at,
            ended_at=attendance.ended_at,
            penalty_minutes=attendance.penalty_minutes,
        )
    )
    attendance.recorded_by = by
    attendance.recorded_at = timezone.now()
    order = attendance.order
    if outcome in CONTACT_OUTCOME:
        attendance.contact = contact_services.contact_record(
            case=order.case,
            by=by,
            contact_type=ContactType.UNPAID_WORK,
            happened_at=session_start(session),
            outcome=CONTACT_OUTCOME[outcome],
            crissa={
                "summary": f"Unpaid work at {session.project.name}: "
                f"{attendance.get_outcome_display().lower()}. {attendance.notes}".strip()
            },
        )
    save(attendance, by, bump=True)
    notices.outcome_recorded(attendance)
    if attended and order.status == UnpaidWorkStatus.ACTIVE and order_progress(order).complete:
        order = UnpaidWorkOrder.objects.select_for_update().get(pk=order.pk)
        order_move(order, by, UnpaidWorkStatus.COMPLETED)
    return attendance
