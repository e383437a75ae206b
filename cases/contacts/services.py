"""Every write for appointments, CRISSA contacts, absences, enforcement and the service
centre's letters and packs (DOMAIN.md §4). Keyword-only, atomic, <noun>_<verb>.

Permission to act is the view's job (crc.access, Action.RECORD_CONTACT: the allocated
officer and line management); these services check the state they depend on.
"""

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cases import deadlines, notify
from cases.contacts import rules
from cases.models import (
    FAILURE_OUTCOMES,
    Appointment,
    AppointmentStatus,
    AttendanceOutcome,
    Case,
    Contact,
    ContactType,
    EnforcementAction,
    EnforcementKind,
    EnforcementStatus,
    OrderStatus,
    ServiceCentreTask,
    TaskKind,
)
from cases.reviews import services as reviews_services
from crc import history
from crc.domain import DomainError

Staff = get_user_model()

CRISSA_FIELDS = ("check_in", "review", "implement", "summary", "set_tasks", "attendance")
ABSENCE_OUTCOMES = frozenset(
    {
        AttendanceOutcome.ACCEPTABLE_ABSENCE,
        AttendanceOutcome.UNACCEPTABLE_ABSENCE,
        AttendanceOutcome.ABSENCE_TO_DECIDE,
    }
)
ATTENDED_OUTCOMES = frozenset(
    {AttendanceOutcome.ATTENDED_COMPLIED, AttendanceOutcome.ATTENDED_FAILED}
)
# A few minutes' grace: an officer records a contact as it ends, and clocks differ.
FUTURE_GRACE = dt.timedelta(minutes=10)


def _today() -> dt.date:
    return timezone.localdate()


# --- Appointments -------------------------------------------------------------------------


@transaction.atomic
def appointment_book(
    *,
    case: Case,
    by,
    contact_type: str,
    starts_at: dt.datetime,
    location: str = "",
    with_staff=None,
    notes: str = "",
) -> Appointment:
    if contact_type not in ContactType.values:
        raise DomainError("Choose the type of appointment", field="contact_type")
    if timezone.localtime(starts_at).date() < _today():
        raise DomainError("An appointment cannot be booked in the past", field="date")
    if with_staff is not None and not with_staff.is_active:
        raise DomainError("Choose someone who works here now", field="with_staff")
    appointment = Appointment(
        case=case,
        contact_type=contact_type,
        starts_at=starts_at,
        location=location.strip(),
        with_staff=with_staff,
        notes=notes.strip(),
        booked_by=by,
    )
    history.save_as(appointment, by, clean=True)
    return appointment


# --- Contacts -----------------------------------------------------------------------------


def _check_absence_details(outcome: str, reason: str, evidence: str) -> None:
    # An acceptable absence stands on its reason and evidence: the inspectors found
    # acceptability decisions not recorded or explained in a quarter of cases.
    if outcome == AttendanceOutcome.ACCEPTABLE_ABSENCE:
        if not reason.strip():
            raise DomainError("Say why the absence was acceptable", field="absence_reason")
        if not evidence.strip():
            raise DomainError(
                "Describe the evidence for the absence, or record it as to be decided",
                field="absence_evidence",
            )


@transaction.atomic
def contact_record(
    *,
    case: Case,
    by,
    contact_type: str,
    happened_at: dt.datetime,
    outcome: str,
    crissa: dict[str, str] | None = None,
    sensitive: bool = False,
    absence_reason: str = "",
    absence_evidence: str = "",
    appointment: Appointment | None = None,
    significant_change: dict[str, Any] | None = None,
) -> Contact:
    """Record a contact in CRISSA form. It closes the appointment it answers; an absence
    whose acceptability is not decided yet gets a decision due date (default 2 working
    days); a significant change it reveals is recorded against it (review + SPO alert).
    A failure to comply (contact.is_failure) then needs an enforcement decision."""
    crissa = {name: (crissa or {}).get(name, "").strip() for name in CRISSA_FIELDS}
    if outcome not in AttendanceOutcome.values:
        raise DomainError("Choose the attendance outcome", field="outcome")
    if happened_at > timezone.now() + FUTURE_GRACE:
        raise DomainError("A contact cannot be recorded before it happens", field="date")
    if appointment is not None:
        # Locked: two officers recording the same appointment must not both succeed.
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if appointment.case_id != case.pk:
            raise DomainError("That appointment is for another case")
        if appointment.status != AppointmentStatus.BOOKED:
            raise DomainError("This appointment already has an outcome recorded")
        if outcome == AttendanceOutcome.NOT_APPLICABLE:
            raise DomainError("Choose what happened at the appointment", field="outcome")
    if outcome in ATTENDED_OUTCOMES | {AttendanceOutcome.NOT_APPLICABLE} and not crissa["summary"]:
        raise DomainError("Write a summary of the contact", field="summary")
    _check_absence_details(outcome, absence_reason, absence_evidence)
    if outcome not in ABSENCE_OUTCOMES:
        absence_reason = absence_evidence = ""

    now = timezone.now()
    contact = Contact(
        case=case,
        appointment=appointment,
        contact_type=contact_type,
        happened_at=happened_at,
        recorded_by=by,
        sensitive=sensitive,
        outcome=outcome,
        absence_reason=absence_reason.strip(),
        absence_evidence=absence_evidence.strip(),
        **crissa,
    )
    if outcome == AttendanceOutcome.ABSENCE_TO_DECIDE:
        contact.acceptability_due_on = rules.acceptability_due(
            _today(), deadlines.deadline_working_days("acceptability-decision")
        )
    elif outcome in (AttendanceOutcome.ACCEPTABLE_ABSENCE, AttendanceOutcome.UNACCEPTABLE_ABSENCE):
        contact.acceptability_decided_at = now
        contact.acceptability_decided_by = by
    history.save_as(contact, by, clean=True)
    if appointment is not None:
        appointment.status = AppointmentStatus.OUTCOME_RECORDED
        history.save_as(appointment, by, update_fields=["status"])
    if significant_change:
        reviews_services.significant_change_record(
            case=case,
            by=by,
            category=significant_change["category"],
            description=significant_change["description"],
            occurred_on=significant_change.get("occurred_on")
            or timezone.localtime(happened_at).date(),
            contact=contact,
        )
    return contact


@transaction.atomic
def absence_decide(
    *, contact: Contact, by, acceptable: bool, reason: str = "", evidence: str = ""
) -> Contact:
    """Decide whether an absence recorded as 'to be decided' was acceptable. An
    unacceptable absence is a failure to comply and then needs an enforcement decision."""
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.outcome != AttendanceOutcome.ABSENCE_TO_DECIDE:
        raise DomainError("The acceptability of this absence has already been decided")
    outcome = (
        AttendanceOutcome.ACCEPTABLE_ABSENCE
        if acceptable
        else AttendanceOutcome.UNACCEPTABLE_ABSENCE
    )
    reason = reason.strip() or contact.absence_reason
    evidence = evidence.strip() or contact.absence_evidence
    _check_absence_details(outcome, reason, evidence)
    contact.outcome = outcome
    contact.absence_reason = reason
    contact.absence_evidence = evidence
    contact.acceptability_decided_at = timezone.now()
    contact.acceptability_decided_by = by
    return history.save_as(contact, by)


# --- Enforcement --------------------------------------------------------------------------


def current_order_type(case: Case) -> str:
    order = (
        case.orders.filter(status=OrderStatus.ACTIVE)
        .order_by("-start_date")
        .only("order_type")
        .first()
    )
    return order.order_type if order else rules.COMMUNITY_ORDER


def enforcement_options_for(contact: Contact) -> rules.EnforcementOptions:
    previous = [
        rules.PriorDecision(kind=kind, decided_on=timezone.localtime(decided_at).date())
        for kind, decided_at in contact.case.enforcement_actions.exclude(failure=contact)
        .exclude(status=EnforcementStatus.WITHDRAWN)
        .values_list("kind", "decided_at")
    ]
    return rules.enforcement_options(
        order_type=current_order_type(contact.case),
        failure_on=timezone.localtime(contact.happened_at).date(),
        previous=previous,
    )


TASK_FOR_DECISION = {
    EnforcementKind.WARNING: (TaskKind.WARNING_LETTER, "letter"),
    EnforcementKind.BREACH: (TaskKind.BREACH_PACK, "pack"),
    EnforcementKind.RECALL: (TaskKind.BREACH_PACK, "pack"),
}


@transaction.atomic
def enforcement_decide(
    *, contact: Contact, by, kind: str, justification: str = ""
) -> EnforcementAction:
    """Decide enforcement on a failure to comply, within what Sch. 10 allows. A warning
    gives the service centre a letter to send (default 2 working days); breach or recall a
    pack to prepare (10). The SPO is told of breach, recall and decisions not to enforce."""
    case = contact.case
    if contact.outcome not in FAILURE_OUTCOMES:
        raise DomainError("Only a failure to comply needs an enforcement decision")
    options = enforcement_options_for(contact)
    if kind not in options.options:
        if kind == EnforcementKind.WARNING and options.breach_required:
            raise DomainError(
                "A warning is not allowed: there was a warning in the last 12 months",
                field="kind",
            )
        raise DomainError("Choose one of the decisions offered", field="kind")
    justification = justification.strip()
    if kind == EnforcementKind.NO_ACTION and not justification:
        raise DomainError(
            "Record the professional judgement behind not enforcing", field="justification"
        )
    action = EnforcementAction(
        case=case,
        failure=contact,
        kind=kind,
        # Not enforcing ends there; a warning is done once its letter is sent; breach and
        # recall stay in progress until the outcome is recorded ("breach in progress").
        status=EnforcementStatus.DONE
        if kind == EnforcementKind.NO_ACTION
        else EnforcementStatus.IN_PROGRESS,
        justification=justification,
        decided_by=by,
        decided_at=timezone.now(),
    )
    history.save_new_once(
        action,
        by,
        refused=DomainError("An enforcement decision has already been recorded for this"),
    )

    task = None
    if kind in TASK_FOR_DECISION:
        task_kind, suffix = TASK_FOR_DECISION[kind]
        due = rules.letter_or_pack_due(
            kind,
            _today(),
            warning_days=deadlines.deadline_working_days("warning-letter"),
            pack_days=deadlines.deadline_working_days("breach-pack"),
        )
        what = {
            EnforcementKind.WARNING: "Send the warning letter",
            EnforcementKind.BREACH: "Prepare the breach pack",
            EnforcementKind.RECALL: "Prepare the recall report",
        }[kind]
        task = ServiceCentreTask(
            case=case,
            kind=task_kind,
            description=(
                f"{what} for {case.crn}: {contact.get_outcome_display().lower()} on "
                f"{timezone.localtime(contact.happened_at):%d %B %Y}."
            ),
            due_date=due,
            source_key=f"enforcement:{action.pk}:{suffix}",
        )
        history.save_as(task, by)
    if kind != EnforcementKind.WARNING:
        subject = {
            EnforcementKind.BREACH: f"Breach action: {case.crn}",
            EnforcementKind.RECALL: f"Recall: {case.crn}",
            EnforcementKind.NO_ACTION: f"Decision not to enforce: {case.crn}",
        }[kind]
        body = f"{by} decided {action.get_kind_display().lower()} for {case.crn}"
        body += f" after {contact.get_outcome_display().lower()}."
        if task is not None:
            body += f" The service centre's pack is due by {task.due_date:%d %B %Y}."
        else:
            body += f" Their professional judgement: {justification}"
        notify.case_notify(
            case=case,
            people=notify.spos_for(case),
            subject=subject,
            body=body,
            tab="contacts/",
            category="enforcement",
            dedupe_key=f"enforcement:{action.pk}:spo-alert",
        )
    if kind != EnforcementKind.NO_ACTION:
        # Enforcement and recall trigger a review (DOMAIN.md §4). The daily job would find
        # it too; the cause key makes both paths create one review.
        from cases.reviews.services import review_trigger_enforcement

        review_trigger_enforcement(action=action)
    return action
