"""Reads with a shape for contacts, appointments, enforcement and the service centre's
tasks. Query shape lives here; every list is scoped through crc.access."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from cases.contacts import rules
from cases.models import (
    CONTACT_WITH_PERSON_TYPES,
    FACE_TO_FACE_CONTACT_TYPES,
    FAILURE_OUTCOMES,
    Appointment,
    AppointmentStatus,
    AttendanceOutcome,
    Case,
    Contact,
    ContactLevelDecision,
    ContactLevelStatus,
    EnforcementAction,
    EnforcementKind,
    EnforcementStatus,
    Order,
    OrderStatus,
    ServiceCentreTask,
    TaskStatus,
)
from crc.access.policy import visible_cases

# Outcomes in which the person was seen: an absence or a rescheduled appointment is no
# contact with them, whatever the type of the appointment was.
SEEN_OUTCOMES = frozenset(
    {
        AttendanceOutcome.ATTENDED_COMPLIED,
        AttendanceOutcome.ATTENDED_FAILED,
        AttendanceOutcome.NOT_APPLICABLE,
    }
)
GRID_PERIODS_SHOWN = 3
UPCOMING_SHOWN = 10


def _local_date(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def _fact(contact_type: str, outcome: str, happened_at: dt.datetime) -> rules.ContactFact:
    return rules.ContactFact(
        on=_local_date(happened_at),
        with_person=contact_type in CONTACT_WITH_PERSON_TYPES and outcome in SEEN_OUTCOMES,
        face_to_face=contact_type in FACE_TO_FACE_CONTACT_TYPES,
    )


def _start_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


# --- Compliance panel ---------------------------------------------------------------------


def breach_in_progress(case: Case) -> bool:
    return case.enforcement_actions.filter(
        kind__in=[EnforcementKind.BREACH, EnforcementKind.RECALL],
        status=EnforcementStatus.IN_PROGRESS,
    ).exists()


def compliance_panel_for(case: Case, today: dt.date | None = None) -> rules.CompliancePanel:
    today = today or timezone.localdate()
    since = _start_of_day(rules.months_before(today, 12))
    failure_times = case.contacts.filter(
        outcome__in=FAILURE_OUTCOMES, happened_at__gte=since
    ).values_list("happened_at", flat=True)
    return rules.compliance_panel(
        failure_dates=[_local_date(t) for t in failure_times],
        today=today,
        breach_in_progress=breach_in_progress(case),
    )


# --- Grid compliance ----------------------------------------------------------------------


def _supervision_starts(case_ids) -> dict[int, dt.date]:
    """When supervision began for each case: the newest active order's release date for
    a licence, else its start date."""
    starts: dict[int, dt.date] = {}
    rows = (
        Order.objects.filter(case_id__in=case_ids, status=OrderStatus.ACTIVE)
        .order_by("case_id", "start_date")
        .values_list("case_id", "start_date", "release_date")
    )
    for case_id, start, release in rows:
        starts[case_id] = release or start  # later rows (newer orders) win
    return starts


def _grid_for(
    case_ids, today: dt.date, periods: int
) -> dict[int, tuple[ContactLevelDecision | None, list[rules.PeriodCompliance]]]:
    """Three queries whatever the number of cases: levels, orders, contacts."""
    case_ids = list(case_ids)
    levels = {
        level.case_id: level
        for level in ContactLevelDecision.objects.filter(
            case_id__in=case_ids, status=ContactLevelStatus.ACTIVE
        )
    }
    if not levels:
        return {case_id: (None, []) for case_id in case_ids}
    starts = _supervision_starts(levels.keys())
    window = max(level.period_days for level in levels.values()) * periods
    facts: dict[int, list[rules.ContactFact]] = {}
    rows = Contact.objects.filter(
        case_id__in=levels.keys(),
        happened_at__gte=_start_of_day(today - dt.timedelta(days=window)),
    ).values_list("case_id", "contact_type", "outcome", "happened_at")
    for case_id, contact_type, outcome, happened_at in rows:
        facts.setdefault(case_id, []).append(_fact(contact_type, outcome, happened_at))
    result = {}
    for case_id in case_ids:
        level = levels.get(case_id)
        if level is None:
            result[case_id] = (None, [])
            continue
        result[case_id] = (
            level,
            rules.grid_compliance(
                contacts=level.contacts,
                period_days=level.period_days,
                face_to_face=level.face_to_face,
                facts=facts.get(case_id, []),
                today=today,
                periods=periods,
                since=starts.get(case_id),
            ),
        )
    return result


def grid_compliance_for_case(
    case: Case, today: dt.date | None = None, periods: int = GRID_PERIODS_SHOWN
) -> tuple[ContactLevelDecision | None, list[rules.PeriodCompliance]]:
    return _grid_for([case.pk], today or timezone.localdate(), periods)[case.pk]


def grid_compliance_for_cases(
    case_ids, today: dt.date | None = None
) -> dict[int, rules.GridStatus | None]:
    """The current period's Grid result for each case (None: no contact level in force),
    for a caseload page. At most three queries however many cases."""
    grid = _grid_for(case_ids, today or timezone.localdate(), periods=1)
    return {case_id: rules.grid_status(periods) for case_id, (_, periods) in grid.items()}


# --- The Contacts tab ---------------------------------------------------------------------


def case_contacts(case: Case) -> QuerySet:
    """Newest first, with what each row shows: who recorded it, its enforcement decision
    and the significant changes it revealed."""
    return (
        case.contacts.select_related("recorded_by", "appointment", "enforcement")
        .prefetch_related("significant_changes")
        .order_by("-happened_at", "-id")
    )


def upcoming_appointments(case: Case, now: dt.datetime | None = None) -> list[Appointment]:
    now = now or timezone.now()
    return list(
        case.appointments.filter(status=AppointmentStatus.BOOKED, starts_at__gte=now)
        .select_related("with_staff")
        .order_by("starts_at")[:UPCOMING_SHOWN]
    )


def case_appointments_needing_outcome(case: Case, now: dt.datetime | None = None) -> list:
    now = now or timezone.now()
    return list(
        case.appointments.filter(status=AppointmentStatus.BOOKED, starts_at__lt=now)
        .select_related("with_staff")
        .order_by("starts_at")
    )


@dataclass(frozen=True)
class ContactsSummary:
    panel: rules.CompliancePanel
    level: ContactLevelDecision | None
    periods: list[rules.PeriodCompliance]
    upcoming: list[Appointment]
    needing_outcome: list[Appointment]


def contacts_summary(case: Case) -> ContactsSummary:
    today = timezone.localdate()
    level, periods = grid_compliance_for_case(case, today)
    return ContactsSummary(
        panel=compliance_panel_for(case, today),
        level=level,
        periods=periods,
        upcoming=upcoming_appointments(case),
        needing_outcome=case_appointments_needing_outcome(case),
    )


def failure_contact(case: Case, contact_id: int) -> Contact | None:
    return (
        case.contacts.filter(pk=contact_id, outcome__in=FAILURE_OUTCOMES)
        .select_related("case", "recorded_by")
        .first()
    )


def enforcement_history(case: Case) -> list[EnforcementAction]:
    return list(case.enforcement_actions.select_related("failure", "decided_by"))


# --- Lists across cases -------------------------------------------------------------------


def appointments_needing_outcome(*, user, now: dt.datetime | None = None) -> QuerySet:
    """Past appointments still 'booked' on the cases the user holds, oldest first."""
    now = now or timezone.now()
    return (
        Appointment.objects.filter(
            status=AppointmentStatus.BOOKED,
            starts_at__lt=now,
            case__responsible_officer=user,
            case__in=visible_cases(user, Case.objects.all()).values("pk"),
        )
        .select_related("case", "with_staff")
        .order_by("starts_at", "id")
    )


def open_service_centre_tasks(*, user, kind: str = "") -> QuerySet:
    """Open tasks on the cases the user may see; by due date, so overdue ones come first."""
    tasks = ServiceCentreTask.objects.filter(
        status=TaskStatus.OPEN, case__in=visible_cases(user, Case.objects.all()).values("pk")
    )
    if kind:
        tasks = tasks.filter(kind=kind)
    return tasks.select_related("case").order_by("due_date", "id")
