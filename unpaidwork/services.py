"""Every write for projects, nominations, the unpaid work requirement, induction, the
ETE referral and allocation (DOMAIN.md §5). Keyword-only, atomic, <noun>_<verb>.
Sessions and their outcomes are in unpaidwork.session_services.

Permission to act is the caller's job (crc.access, part 2); these services check the
state they depend on and raise DomainError on anything else."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cases.models import Case, EmploymentStatus, Requirement, RequirementType
from crc.access import unpaid_work as uw_access
from crc.domain import DomainError
from crc.organisation.models import PartnerType
from crc.stale import version_check
from unpaidwork import notices, rules
from unpaidwork.models import (
    INDUCTION_TRANSITIONS,
    NOMINATION_TRANSITIONS,
    ORDER_TRANSITIONS,
    EteReferral,
    Extension,
    Induction,
    InductionStatus,
    KnownTension,
    Nomination,
    NominationStatus,
    Placement,
    Project,
    UnpaidWorkOrder,
    UnpaidWorkStatus,
)
from unpaidwork.selectors import allocation_inputs
from unpaidwork.writes import check_version, move, save

HIGH_RISK = ("high", "very_high")


class AllocationRefused(DomainError):
    """The person may not be placed on the project; `reasons` says every why."""

    def __init__(self, reasons: list[str]):
        super().__init__("This placement is not suitable: " + "; ".join(reasons), field="project")
        self.reasons = reasons


# --- Projects and nominations -------------------------------------------------------------

PROJECT_FIELDS = {
    "name",
    "kind",
    "project_type",
    "borough",
    "address",
    "postcode",
    "area",
    "host",
    "supervisor",
    "capacity_per_session",
    "women_only",
    "near_children",
    "near_vulnerable_adults",
    "skills_opportunities",
    "qualification_available",
    "status",
}


def _check_project(project: Project) -> None:
    if project.host_id and project.host.partner_type != PartnerType.UNPAID_WORK_HOST:
        raise DomainError("Choose an unpaid work placement host", field="host")
    if project.supervisor_id and not uw_access.may_supervise_sessions(project.supervisor):
        raise DomainError("Choose an unpaid work supervisor", field="supervisor")


@transaction.atomic
def project_create(*, by, **fields) -> Project:
    unknown = set(fields) - PROJECT_FIELDS
    if unknown:
        raise TypeError(f"Unknown project fields: {sorted(unknown)}")
    project = Project(**fields)
    _check_project(project)
    save(project, by)
    return project


@transaction.atomic
def project_update(*, project: Project, by, expected_version: int, **changes) -> Project:
    unknown = set(changes) - PROJECT_FIELDS
    if unknown:
        raise TypeError(f"Unknown project fields: {sorted(unknown)}")
    project = Project.objects.select_for_update().get(pk=project.pk)
    check_version(project, expected_version)
    for name, value in changes.items():
        setattr(project, name, value)
    _check_project(project)
    save(project, by, bump=True)
    return project


@transaction.atomic
def nomination_submit(
    *,
    nominator_name: str,
    nominator_email: str,
    borough: str,
    location: str,
    description: str,
    organisation: str = "",
    nominator_phone: str = "",
    suggested_type: str = "",
) -> Nomination:
    """A member of the public suggests work; nothing exists until staff accept it."""
    nomination = Nomination(
        nominator_name=nominator_name.strip(),
        nominator_email=nominator_email.strip(),
        nominator_phone=nominator_phone.strip(),
        organisation=organisation.strip(),
        borough=borough.strip(),
        location=location.strip(),
        description=description.strip(),
        suggested_type=suggested_type,
    )
    save(nomination, None)
    return nomination


def nomination_state(nomination: Nomination) -> dict:
    """What a review page shows and changes, for its version token (crc.stale)."""
    return {"status": nomination.status, "project": nomination.project_id}


def _review(
    nomination: Nomination, by, to: str, reason: str, version: str | None = None
) -> Nomination:
    version_check(version, nomination_state(nomination), what="nomination")
    move(nomination, NOMINATION_TRANSITIONS, to, "nomination")
    nomination.reviewed_by = by
    nomination.reviewed_at = timezone.now()
    nomination.review_reason = reason.strip()
    return nomination


@transaction.atomic
def nomination_accept(
    *,
    nomination: Nomination,
    by,
    reason: str = "",
    version: str | None = None,
    **project_fields,
) -> Project:
    """Accept a nomination: the project it becomes is created with it."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    _review(nomination, by, NominationStatus.ACCEPTED, reason, version)
    project_fields.setdefault("borough", nomination.borough)
    project_fields.setdefault("address", nomination.location)
    if nomination.suggested_type:
        project_fields.setdefault("project_type", nomination.suggested_type)
    project = project_create(by=by, **project_fields)
    nomination.project = project
    save(nomination, by)
    return project


@transaction.atomic
def nomination_reject(
    *, nomination: Nomination, by, reason: str, version: str | None = None
) -> Nomination:
    if not reason.strip():
        raise DomainError("Say why the nomination is rejected", field="reason")
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    _review(nomination, by, NominationStatus.REJECTED, reason, version)
    save(nomination, by)
    return nomination


# --- The requirement's record -------------------------------------------------------------


@transaction.atomic
def unpaid_work_order_open(
    *, requirement: Requirement, by, start_date: dt.date | None = None
) -> UnpaidWorkOrder:
    """Start running an order's unpaid work requirement. Hours come from the requirement;
    the risk restrictions start from the case's RoSH to children and the public."""
    if requirement.requirement_type != RequirementType.UNPAID_WORK:
        raise DomainError("Only an unpaid work requirement is run by the unpaid work team")
    error = rules.hours_error(requirement.length)
    if error:
        raise DomainError(error, field="hours_ordered")
    if UnpaidWorkOrder.objects.filter(requirement=requirement).exists():
        raise DomainError("This requirement is already being run")
    case = requirement.order.case
    start = start_date or requirement.order.start_date
    order = UnpaidWorkOrder(
        requirement=requirement,
        case=case,
        hours_ordered=requirement.length,
        start_date=start,
        deadline=rules.deadline(start),
        no_work_near_children=case.rosh_children in HIGH_RISK,
        no_work_near_vulnerable_adults=case.rosh_public in HIGH_RISK,
    )
    save(order, by)
    return order


def requirement_added(*, requirement: Requirement, by) -> None:
    """The hook cases.record.services.requirement_add calls: an unpaid work requirement
    added to an order is opened for the unpaid work team at once (awaiting induction)."""
    if requirement.requirement_type == RequirementType.UNPAID_WORK:
        unpaid_work_order_open(requirement=requirement, by=by)


@transaction.atomic
def extension_grant(
    *, order: UnpaidWorkOrder, by, expected_version: int, months: int, reason: str
) -> Extension:
    order = UnpaidWorkOrder.objects.select_for_update().get(pk=order.pk)
    check_version(order, expected_version)
    if order.status not in (UnpaidWorkStatus.AWAITING_INDUCTION, UnpaidWorkStatus.ACTIVE):
        raise DomainError("Only an order still being worked can be extended")
    error = rules.extension_error(months, reason)
    if error:
        raise DomainError(error, field="months" if months < 1 else "reason")
    previous = order.deadline
    earlier = list(order.extensions.values_list("months", flat=True))
    order.deadline = rules.deadline(order.start_date, [*earlier, months])
    save(order, by, bump=True)
    extension = Extension(
        order=order,
        months=months,
        reason=reason.strip(),
        previous_deadline=previous,
        new_deadline=order.deadline,
        granted_by=by,
        granted_at=timezone.now(),
    )
    save(extension, by)
    return extension


def order_move(order: UnpaidWorkOrder, by, to: str) -> None:
    """A guarded status change (the transition table in models.orders)."""
    move(order, ORDER_TRANSITIONS, to, "order")
    if to in (UnpaidWorkStatus.COMPLETED, UnpaidWorkStatus.ENDED):
        order.closed_on = timezone.localdate()
    save(order, by, bump=True)


# --- Induction and the ETE referral -------------------------------------------------------


@transaction.atomic
def induction_book(
    *, order: UnpaidWorkOrder, by, starts_at: dt.datetime, location: str = ""
) -> Induction:
    order = UnpaidWorkOrder.objects.select_for_update().get(pk=order.pk)
    if order.status != UnpaidWorkStatus.AWAITING_INDUCTION:
        raise DomainError("This person has had their induction")
    if order.inductions.filter(status=InductionStatus.BOOKED).exists():
        raise DomainError("An induction is already booked")
    induction = Induction(order=order, starts_at=starts_at, location=location.strip(), booked_by=by)
    save(induction, by)
    return induction


@transaction.atomic
def induction_record(
    *,
    induction: Induction,
    by,
    attended: bool,
    understanding_checked: bool = False,
    understanding_notes: str = "",
    expected_version: int | None = None,
) -> Induction:
    """Record the induction. Attended means the person's understanding of what is expected
    was checked and is written down (the inspectors found it was not); everyone unemployed
    at the start is then referred for an ETE assessment."""
    induction = (
        Induction.objects.select_for_update(of=("self",))
        .select_related("order__case")
        .get(pk=induction.pk)
    )
    order = induction.order
    if expected_version is not None:
        # The order's version the coordinator's page was read at (None: no page read).
        check_version(order, expected_version)
    if attended:
        if not understanding_checked:
            raise DomainError(
                "Check the person understands what is expected of them",
                field="understanding_checked",
            )
        if not understanding_notes.strip():
            raise DomainError(
                "Record how the person showed they understood", field="understanding_notes"
            )
    move(
        induction,
        INDUCTION_TRANSITIONS,
        InductionStatus.DONE if attended else InductionStatus.MISSED,
        "induction",
    )
    induction.understanding_checked = attended and understanding_checked
    induction.understanding_notes = understanding_notes.strip()
    induction.recorded_by = by
    induction.recorded_at = timezone.now()
    save(induction, by)
    if attended:
        order_move(order, by, UnpaidWorkStatus.ACTIVE)
        if order.case.employment_status == EmploymentStatus.UNEMPLOYED:
            ete_referral_create(
                order=order, by=by, reason="Unemployed at the start of unpaid work", automatic=True
            )
    notices.induction_recorded(induction)
    return induction


@transaction.atomic
def ete_referral_create(
    *, order: UnpaidWorkOrder, by, reason: str = "", automatic: bool = False
) -> EteReferral:
    """Refer the person for an ETE assessment (once per order: a second call returns the
    first referral)."""
    referral, created = EteReferral.objects.get_or_create(
        order=order,
        defaults={
            "reason": reason.strip(),
            "automatic": automatic,
            "created_by": by,
            "created_at": timezone.now(),
        },
    )
    if created:
        notices.ete_referred(referral)
    return referral


# --- Allocation ---------------------------------------------------------------------------


@transaction.atomic
def known_tension_record(*, case: Case, other: Case, by, reason: str) -> KnownTension:
    if case.pk == other.pk:
        raise DomainError("A tension is between two people")
    if not reason.strip():
        raise DomainError("Say what the tension is", field="reason")
    first, second = sorted([case, other], key=lambda c: c.pk)
    tension, _created = KnownTension.objects.get_or_create(
        case=first, other=second, defaults={"reason": reason.strip(), "recorded_by": by}
    )
    return tension


@transaction.atomic
def placement_allocate(
    *,
    order: UnpaidWorkOrder,
    project: Project,
    by,
    reason: str,
    expected_version: int | None = None,
) -> Placement:
    """Place the person on a project, ending their current placement. Refused, with every
    reason, when the project does not fit the person's risk, sex, childcare, paid work or
    known tensions."""
    order = (
        UnpaidWorkOrder.objects.select_for_update(of=("self",))
        .select_related("case")
        .get(pk=order.pk)
    )
    if expected_version is not None:
        check_version(order, expected_version)
    if order.status != UnpaidWorkStatus.ACTIVE:
        raise DomainError("Allocate a placement once the induction is done")
    if not reason.strip():
        raise DomainError("Say why this placement suits the person", field="reason")
    person, candidate = allocation_inputs(order, project, today=timezone.localdate())
    refusals = rules.allocation_refusals(person, candidate)
    if refusals:
        raise AllocationRefused(refusals)
    now = timezone.now()
    for current in order.placements.filter(ended_at__isnull=True):
        if current.project_id == project.pk:
            raise DomainError("The person is already placed on this project")
        current.ended_at = now
        save(current, by)
    placement = Placement(
        order=order, project=project, reason=reason.strip(), allocated_by=by, allocated_at=now
    )
    save(placement, by)
    # A placement changes the order as the coordinator's page shows it: a page read
    # before this one is now stale.
    save(order, by, bump=True)
    notices.placement_allocated(placement)
    return placement
