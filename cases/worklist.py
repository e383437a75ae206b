"""The case record's part of the home page's work list (crc/worklist.py).

Each item is a count and at most ROWS_SHOWN rows, one query whatever the caseload
(crc.worklist.item_from).
Rows name cases by CRN only, so a restricted case on the list discloses nothing the
link behind it would not check again.
"""

import datetime as dt

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from cases.contacts.selectors import appointments_needing_outcome, open_service_centre_tasks
from cases.measures.figures import GRID_SHORT, cases_behind
from cases.models import (
    OPEN_INFORMATION_REQUEST_STATUSES,
    Appointment,
    AppointmentStatus,
    Case,
    ContactLevelDecision,
    ContactLevelStatus,
    Escalation,
    InformationRequest,
    OversightEntry,
    OversightKind,
    Registration,
    Review,
    ReviewStatus,
)
from cases.selectors import REVIEW_DUE_WITHIN, spo_attention
from crc.access.pages import Page, may_use
from crc.access.policy import visible_cases
from crc.worklist import ROWS_SHOWN, WorkGroup, WorkItem, WorkRow, item_from, register_provider


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _appointment_row(appointment) -> WorkRow:
    local = timezone.localtime(appointment.starts_at)
    return WorkRow(
        text=appointment.case.crn,
        url=reverse("cases:contacts", args=[appointment.case.crn]),
        hint=f"{local:%a %-d %b, %H:%M}, {appointment.get_contact_type_display()}",
    )


def _officer_group(user, today: dt.date) -> WorkGroup:
    # The officer's visible cases once, as ids (a caseload: tens of cases). Each item
    # below then filters on a plain list instead of building, compiling and planning
    # the access policy's subquery again: that was most of this page's Python.
    held = list(
        visible_cases(user, Case.objects.filter(responsible_officer=user)).values_list(
            "pk", flat=True
        )
    )
    booked = Appointment.objects.filter(
        case_id__in=held, status=AppointmentStatus.BOOKED
    ).select_related("case")
    caseload = reverse("cases:caseload")
    items = [
        item_from(
            "Appointments today",
            booked.filter(
                starts_at__gte=_day_start(today), starts_at__lt=_day_start(today + dt.timedelta(1))
            ).order_by("starts_at"),
            caseload,
            _appointment_row,
        ),
        item_from(
            "Appointments in the next 7 days",
            booked.filter(
                starts_at__gte=_day_start(today + dt.timedelta(1)),
                starts_at__lt=_day_start(today + dt.timedelta(8)),
            ).order_by("starts_at"),
            caseload,
            _appointment_row,
        ),
        item_from(
            "Outcomes still to record",
            appointments_needing_outcome(user=user),
            reverse("cases:appointments_needing_outcome"),
            _appointment_row,
            overdue=True,
        ),
        item_from(
            "Reviews due",
            Review.objects.filter(
                case_id__in=held, status=ReviewStatus.DUE, due_on__lte=today + REVIEW_DUE_WITHIN
            )
            .select_related("case")
            .order_by("due_on"),
            caseload,
            lambda r: WorkRow(
                r.case.crn, reverse("cases:reviews", args=[r.case.crn]), f"due {r.due_on:%-d %b %Y}"
            ),
        ),
        item_from(
            "Registration reviews due",
            Registration.objects.filter(
                case_id__in=held,
                ended_on__isnull=True,
                next_review_date__lte=today + REVIEW_DUE_WITHIN,
            )
            .select_related("case")
            .order_by("next_review_date"),
            f"{caseload}?review_due=1",
            lambda r: WorkRow(
                r.case.crn,
                reverse("cases:risk", args=[r.case.crn]),
                f"{r.get_registration_type_display()}, due {r.next_review_date:%-d %b %Y}",
            ),
        ),
        item_from(
            "Information requests awaiting an answer",
            InformationRequest.objects.filter(
                case_id__in=held, status__in=OPEN_INFORMATION_REQUEST_STATUSES
            )
            .select_related("case")
            .order_by("chase_due_on"),
            caseload,
            lambda r: WorkRow(
                r.case.crn,
                reverse("cases:assessment", args=[r.case.crn]),
                f"{r.get_agency_display()}, chase by {r.chase_due_on:%-d %b %Y}",
            ),
        ),
        item_from(
            "Cases short of their contact level this period",
            cases_behind(GRID_SHORT, Case.objects.filter(pk__in=held), today=today).order_by("crn"),
            caseload,
            lambda c: WorkRow(c.crn, reverse("cases:contacts", args=[c.crn])),
            overdue=True,
        ),
    ]
    return WorkGroup(title="Your cases", order=10, items=[i for i in items if i.count])


def _countersigning(user, team_ids: list[int]) -> list[WorkItem]:
    """Risk decisions on the SPO's teams' cases not yet countersigned: escalations, and
    contact-level reductions in force (the Reviews tab countersigns them)."""
    cases = visible_cases(user, Case.objects.filter(team_id__in=team_ids)).values("pk")
    signed = OversightEntry.objects.filter(kind=OversightKind.COUNTERSIGNATURE)
    escalations = (
        Escalation.objects.filter(case__in=cases)
        .exclude(Exists(signed.filter(escalation=OuterRef("pk"))))
        .select_related("case")
        .order_by("raised_at")
    )
    reductions = (
        ContactLevelDecision.objects.filter(
            case__in=cases, is_reduction=True, status=ContactLevelStatus.ACTIVE
        )
        .exclude(Exists(signed.filter(contact_level=OuterRef("pk"))))
        .select_related("case")
        .order_by("pk")
    )

    def row(record):
        return WorkRow(record.case.crn, reverse("cases:reviews", args=[record.case.crn]))

    team = reverse("cases:team_caseload")
    return [
        item_from("Escalations to countersign", escalations, team, row),
        item_from("Contact-level reductions to countersign", reductions, team, row),
    ]


def _spo_group(user) -> WorkGroup:
    team_ids = list(user.managed_teams.values_list("id", flat=True))
    attention = spo_attention(user=user, team_ids=team_ids)
    team = reverse("cases:team_caseload")

    def item(label, objects, row):
        rows = [row(o) for o in objects[:ROWS_SHOWN]]
        return WorkItem(label=label, count=len(objects), url=team, rows=rows)

    items = [
        item(
            "Contact-level reductions to approve",
            attention.awaiting_approval,
            lambda d: WorkRow(d.case.crn, reverse("cases:risk", args=[d.case.crn])),
        ),
        item(
            "Open escalations",
            attention.open_escalations,
            lambda e: WorkRow(e.case.crn, reverse("cases:risk", args=[e.case.crn])),
        ),
        item(
            "Cases waiting to be allocated",
            attention.unallocated,
            lambda c: WorkRow(c.crn, reverse("cases:allocate", args=[c.crn])),
        ),
        *_countersigning(user, team_ids),
    ]
    return WorkGroup(title="Decisions waiting", order=20, items=[i for i in items if i.count])


def _task_group(user, today: dt.date) -> WorkGroup:
    tasks = open_service_centre_tasks(user=user)
    url = reverse("cases:service_centre_tasks")
    items = [
        item_from(
            "Overdue tasks",
            tasks.filter(due_date__lt=today),
            url,
            lambda t: WorkRow(t.case.crn, url, f"{t.get_kind_display()}, due {t.due_date:%-d %b}"),
            overdue=True,
        ),
        item_from(
            "Tasks due",
            tasks.filter(due_date__gte=today),
            url,
            lambda t: WorkRow(t.case.crn, url, f"{t.get_kind_display()}, due {t.due_date:%-d %b}"),
        ),
    ]
    return WorkGroup(title="Task queue", order=30, items=[i for i in items if i.count])


def case_work(user, *, today: dt.date) -> list[WorkGroup]:
    groups = []
    if may_use(user, Page.MY_CASELOAD):
        groups.append(_officer_group(user, today))
    if may_use(user, Page.TEAM_CASELOAD):
        groups.append(_spo_group(user))
    if may_use(user, Page.TASKS):
        groups.append(_task_group(user, today))
    return groups


def register() -> None:
    register_provider("cases", case_work)
