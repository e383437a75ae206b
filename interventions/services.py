"""Every write for interventions: the referral and its provider lifecycle, the end-of-
service report, concluding and RAR days. Keyword-only, atomic, <noun>_<verb>.

Permission to act is the caller's (crc.access); these services check the state they
depend on, move the status only through rules.TRANSITIONS (a refused move is a
DomainError: a form error, or 409 at the API) and attribute every save for history.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from cases.contacts import services as contact_services
from cases.models import (
    AttendanceOutcome,
    Case,
    CaseStatus,
    ContactType,
    OrderStatus,
    PlanObjective,
    Requirement,
    RequirementType,
)
from cases.notify import case_notify
from crc import history
from crc.access import interventions as access_interventions
from crc.domain import DomainError, StaleVersionError
from crc.stale import version_check
from interventions import provider_notify, rules, selectors
from interventions.models import (
    ActionPlan,
    AppointmentKind,
    Attendance,
    DesiredOutcome,
    EndOfServiceReport,
    InterventionService,
    OutcomeAchievement,
    ProviderAppointment,
    RarCredit,
    Referral,
    RiskDisclosure,
)

S = rules.ReferralStatus


def _locked(referral: Referral) -> Referral:
    # Provider and officer act on the same referral: every change holds its row.
    return (
        Referral.objects.select_for_update(of=("self",))
        .select_related("case", "service")
        .get(pk=referral.pk)
    )


def _move(referral: Referral, event: str, by) -> None:
    referral.status = rules.transition(referral.status, event)
    history.save_as(referral, by)


# --- The referral ------------------------------------------------------------------------


@transaction.atomic
def referral_create(
    *,
    case: Case,
    service: InterventionService,
    by,
    desired_outcomes: Iterable[dict[str, Any]],
    reason: str = "",
    share_full_risk: bool = False,
) -> Referral:
    """The officer's One Referral. `desired_outcomes` are {"description", "objective"}
    (objective: a PlanObjective of this case's plan, or None). The provider sees the
    redacted risk view unless the officer chooses to share the full analysis."""
    if case.status != CaseStatus.ACTIVE:
        raise DomainError("Only an active case can be referred")
    reasons = rules.eligibility(service.terms, selectors.person_facts(case))
    if reasons:
        raise DomainError(f"{service.name} does not fit this case: {'; '.join(reasons)}")
    service = InterventionService.objects.select_for_update().get(pk=service.pk)
    if service.capacity is not None and selectors.open_referrals(service) >= service.capacity:
        raise DomainError(f"{service.name} is full ({service.capacity} places)", field="service")
    outcomes = [o for o in desired_outcomes if o.get("description", "").strip()]
    if not outcomes:
        raise DomainError("Say what the referral should achieve", field="desired_outcomes")
    objectives = {o.pk for o in PlanObjective.objects.filter(plan__case=case)}
    for outcome in outcomes:
        objective = outcome.get("objective")
        if objective is not None and objective.pk not in objectives:
            raise DomainError("That objective is in another case's plan", field="desired_outcomes")
    disclosure = RiskDisclosure.FULL if share_full_risk else RiskDisclosure.REDACTED
    referral = Referral(
        case=case,
        service=service,
        reason=reason.strip(),
        risk_disclosure=disclosure,
        risk_information=selectors.provider_risk_view(case, full=share_full_risk),
        from_grid_suggestion=rules.matches_suggestion(
            service.name, service.grid_names, selectors.grid_suggestions(case)
        ),
        referred_by=by,
        sent_at=timezone.now(),
    )
    history.save_as(referral, by, clean=True)
    for outcome in outcomes:
        row = DesiredOutcome(
            referral=referral,
            description=outcome["description"].strip(),
            objective=outcome.get("objective"),
        )
        history.save_as(row, by)
    provider_notify.referral_sent(referral)
    return referral


@transaction.atomic
def referral_assign(*, referral: Referral, caseworker, by) -> Referral:
    referral = _locked(referral)
    if not access_interventions.may_be_assigned(caseworker, referral):
        raise DomainError("Choose a caseworker of the provider", field="caseworker")
    referral.status = rules.transition(referral.status, rules.Event.ASSIGN)
    referral.caseworker = caseworker
    referral.assigned_at = referral.assigned_at or timezone.now()
    return history.save_as(referral, by)


@transaction.atomic
def appointment_record(
    *,
    referral: Referral,
    by,
    starts_at: dt.datetime,
    location: str = "",
    version: str | None = None,
) -> ProviderAppointment:
    """Book (or rebook: `version` is the booking the form was opened at) the initial
    assessment appointment."""
    referral = _locked(referral)
    _move(referral, rules.Event.BOOK_ASSESSMENT, by)
    appointment = selectors.pending_assessment(referral) or ProviderAppointment(
        referral=referral, kind=AppointmentKind.INITIAL_ASSESSMENT
    )
    version_check(version, selectors.appointment_state(appointment), what="appointment")
    appointment.starts_at = starts_at
    appointment.location = location.strip()
    return history.save_as(appointment, by)


@transaction.atomic
def action_plan_submit(
    *,
    referral: Referral,
    by,
    activities: list[str],
    number_of_sessions: int,
    version: int | None = None,
) -> ActionPlan:
    """Submit the action plan; while it awaits approval the provider may revise it
    (carrying the version it started from). After approval a revision is a new plan."""
    referral = _locked(referral)
    activities = [a.strip() for a in activities if a and a.strip()]
    if not activities:
        raise DomainError("Add at least one activity", field="activities")
    maximum = referral.service.max_sessions
    if number_of_sessions < 1 or (maximum and number_of_sessions > maximum):
        limit = f"between 1 and {maximum}" if maximum else "at least 1"
        raise DomainError(f"The number of sessions must be {limit}", field="number_of_sessions")
    pending = referral.action_plans.filter(approved_at__isnull=True).order_by("-id").first()
    _move(referral, rules.Event.SUBMIT_PLAN, by)
    if pending is not None:
        if version != pending.version:
            state = selectors.action_plan_state(pending)
            raise StaleVersionError(
                "The action plan was changed by someone else; check it first",
                current=state,
                version=str(pending.version),
            )
        pending.version += 1
        plan = pending
    else:
        plan = ActionPlan(referral=referral)
    plan.activities = activities
    plan.number_of_sessions = number_of_sessions
    plan.submitted_at = timezone.now()
    plan.submitted_by = by
    return history.save_as(plan, by)


@transaction.atomic
def action_plan_approve(*, plan: ActionPlan, by, version: int) -> ActionPlan:
    """The officer approves the plan they read: a plan revised since is refused."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.version != version:
        raise StaleVersionError(
            "The provider changed the action plan after you opened it; read it again"
        )
    if plan.approved_at is not None:
        raise DomainError("This action plan is already approved")
    referral = _locked(plan.referral)
    _move(referral, rules.Event.APPROVE_PLAN, by)
    plan.approved_at = timezone.now()
    plan.approved_by = by
    history.save_as(plan, by)
    provider_notify.plan_approved(referral, plan)
    return plan


# --- Sessions ----------------------------------------------------------------------------


@transaction.atomic
def session_record(
    *,
    referral: Referral,
    by,
    starts_at: dt.datetime,
    attendance: str,
    appointment: ProviderAppointment | None = None,
    summary: str = "",
    response: str = "",
    behaviour: str = "",
    concerns: str = "",
    absence_acceptable: bool | None = None,
    absence_reason: str = "",
    version: str | None = None,
) -> ProviderAppointment:
    """Attendance and feedback for a session (or for the initial assessment, passed as
    `appointment`). A concern tells the responsible officer once; a non-attendance
    without an acceptable reason enters the enforcement flow as a contact."""
    referral = _locked(referral)
    if attendance not in Attendance.values:
        raise DomainError("Say whether the person attended", field="attendance")
    if starts_at > timezone.now() + contact_services.FUTURE_GRACE:
        raise DomainError("A session cannot be recorded before it happens", field="date")
    if appointment is None or appointment.kind == AppointmentKind.SESSION:
        referral.status = rules.transition(referral.status, rules.Event.RECORD_SESSION)
    elif referral.status not in rules.IN_PROGRESS:
        raise DomainError("This referral is no longer in progress")
    if appointment is not None:
        appointment = ProviderAppointment.objects.select_for_update().get(pk=appointment.pk)
        if appointment.referral_id != referral.pk:
            raise DomainError("That appointment belongs to another referral")
        version_check(version, selectors.appointment_state(appointment), what="appointment")
        if appointment.recorded_at is not None:
            raise DomainError("This appointment's attendance is already recorded")
    else:
        appointment = ProviderAppointment(
            referral=referral,
            kind=AppointmentKind.SESSION,
            number=referral.appointments.filter(kind=AppointmentKind.SESSION).count() + 1,
        )
    attended = attendance in rules.ATTENDED
    if attended and not summary.strip():
        raise DomainError("Write a summary of the session", field="summary")
    if absence_acceptable is True and not attended and not absence_reason.strip():
        raise DomainError("Say why the absence was acceptable", field="absence_reason")
    appointment.starts_at = starts_at
    appointment.attendance = attendance
    appointment.absence_acceptable = None if attended else absence_acceptable
    appointment.absence_reason = "" if attended else absence_reason.strip()
    appointment.summary = summary.strip()
    appointment.response = response.strip()
    appointment.behaviour = behaviour.strip()
    appointment.concerns = concerns.strip()
    appointment.recorded_at = timezone.now()
    appointment.recorded_by = by
    if not attended and absence_acceptable is not True:
        appointment.enforcement_contact = _enter_enforcement(referral, appointment, by)
    history.save_as(appointment, by)
    if appointment.concerns:
        _tell_officer_of_concern(referral, appointment)
    if (
        attended
        and appointment.kind == AppointmentKind.SESSION
        and referral.service.counts_towards_rar
    ):
        requirement = selectors.rar_requirement(referral.case)
        day = timezone.localtime(starts_at).date()
        if requirement is not None and selectors.within_order(requirement, day):
            rar_credit(
                requirement=requirement,
                day=day,
                activity=f"{referral.service.name} session {appointment.number}",
                by=by,
                appointment=appointment,
            )
    return appointment


def _enter_enforcement(referral: Referral, appointment: ProviderAppointment, by):
    # Not known to be acceptable: the officer decides (absence to decide), or the
    # provider says it was not: a failure to comply that needs an enforcement decision.
    outcome = (
        AttendanceOutcome.UNACCEPTABLE_ABSENCE
        if appointment.absence_acceptable is False
        else AttendanceOutcome.ABSENCE_TO_DECIDE
    )
    return contact_services.contact_record(
        case=referral.case,
        by=by,
        contact_type=ContactType.PROGRAMME,
        happened_at=appointment.starts_at,
        outcome=outcome,
        absence_reason=appointment.absence_reason
        or f"Did not attend {referral.service.name} ({appointment.get_kind_display().lower()})",
    )


def _tell_officer_of_concern(referral: Referral, appointment: ProviderAppointment) -> None:
    case = referral.case
    case_notify(
        case=case,
        people=[case.responsible_officer],
        subject=f"Concern from {referral.service.name}: {case.crn}",
        body=f"The provider recorded a concern at a {appointment.get_kind_display().lower()} "
        f"on {timezone.localtime(appointment.starts_at):%d %B %Y}: {appointment.concerns}",
        tab="timeline/",
        category="intervention_concern",
        dedupe_key=f"intervention-concern:{appointment.pk}",
    )


# --- Ending ------------------------------------------------------------------------------


@transaction.atomic
def end_of_service_report_submit(
    *,
    referral: Referral,
    by,
    achievements: dict[int, tuple[str, str]],
    further_information: str = "",
) -> EndOfServiceReport:
    """Each desired outcome achieved / partly / not (`achievements`: outcome id ->
    (achievement, notes)). A withdrawn referral is reported on only if a plan was approved."""
    referral = _locked(referral)
    if referral.status == S.WITHDRAWN and not selectors.approved_plan(referral):
        raise DomainError("A referral withdrawn before a plan was approved needs no report")
    _move(referral, rules.Event.SUBMIT_END_REPORT, by)
    outcomes = list(referral.outcomes.all())
    missing = [o for o in outcomes if o.pk not in achievements]
    if missing:
        raise DomainError(f"Say how far each outcome was achieved ({len(missing)} left)")
    valid = {"achieved", "partly", "not"}
    if any(achievements[o.pk][0] not in valid for o in outcomes):
        raise DomainError("Choose achieved, partly achieved or not achieved for each outcome")
    report = EndOfServiceReport(
        referral=referral,
        further_information=further_information.strip(),
        submitted_at=timezone.now(),
        submitted_by=by,
    )
    history.save_as(report, by)
    for outcome in outcomes:
        achievement, notes = achievements[outcome.pk]
        row = OutcomeAchievement(
            report=report, outcome=outcome, achievement=achievement, notes=notes.strip()
        )
        history.save_as(row, by)
    referral_conclude(referral=referral, by=by)
    return report


@transaction.atomic
def referral_withdraw(
    *, referral: Referral, by, reason: str, version: str | None = None
) -> Referral:
    if not reason.strip():
        raise DomainError("Say why the referral is withdrawn", field="reason")
    referral = _locked(referral)
    version_check(version, selectors.referral_state(referral), what="referral")
    referral.status = rules.transition(referral.status, rules.Event.WITHDRAW)
    referral.withdrawn_at = timezone.now()
    referral.withdrawn_by = by
    referral.withdrawal_reason = reason.strip()
    history.save_as(referral, by)
    provider_notify.referral_withdrawn(referral)
    return referral_conclude(referral=referral, by=by)


@transaction.atomic
def referral_conclude(*, referral: Referral, by=None) -> Referral:
    """Conclude per DOMAIN.md §7 when it is time; otherwise leave the referral as it is
    (so the nightly sweep can call it on anything, any number of times)."""
    referral = _locked(referral)
    plan = selectors.approved_plan(referral)
    if not rules.ready_to_conclude(status=referral.status, plan_approved=plan is not None):
        return referral
    outcome = rules.concluding_outcome(
        plan_approved=plan is not None,
        sessions_planned=plan.number_of_sessions if plan else 0,
        sessions_delivered=selectors.sessions_delivered(referral),
    )
    referral.status = rules.transition(referral.status, rules.OUTCOME_EVENT[outcome])
    referral.concluded_at = timezone.now()
    return history.save_as(referral, by)


def referrals_conclude() -> int:
    """The nightly sweep: conclude every referral that is due to be. Idempotent."""
    due = Referral.objects.filter(status__in=[S.WITHDRAWN, S.END_REPORTED]).values_list(
        "pk", flat=True
    )
    concluded = 0
    for pk in list(due):
        referral = referral_conclude(referral=Referral(pk=pk))
        concluded += referral.status in rules.CONCLUDED
    return concluded


# --- RAR days ----------------------------------------------------------------------------


@transaction.atomic
def rar_credit(
    *,
    requirement: Requirement,
    day: dt.date,
    activity: str,
    by,
    appointment: ProviderAppointment | None = None,
) -> RarCredit | None:
    """Credit one RAR day; a day already credited, or days beyond those ordered, are not
    credited (None). The requirement's row lock serialises two credits of one day."""
    requirement = (
        Requirement.objects.select_for_update(of=("self",))
        .select_related("order")
        .get(pk=requirement.pk)
    )
    if requirement.requirement_type != RequirementType.RAR:
        raise DomainError("Days can be credited only against a RAR requirement")
    order = requirement.order
    if order.status != OrderStatus.ACTIVE or not order.start_date <= day <= order.expected_end_date:
        raise DomainError("The day is outside the order", field="day")
    credited = RarCredit.objects.filter(requirement=requirement).count()
    if requirement.length is not None and credited >= requirement.length:
        return None
    if RarCredit.objects.filter(requirement=requirement, day=day).exists():
        return None
    credit = RarCredit(
        requirement=requirement,
        day=day,
        activity=activity[:200],
        credited_by=by,
        appointment=appointment,
    )
    return history.save_as(credit, by)


# --- The directory -------------------------------------------------------------------------


@transaction.atomic
def intervention_service_save(*, service: InterventionService, by) -> InterventionService:
    """Save a directory entry (the administrators' admin form): validated, attributed."""
    if service.provider.partner_type != "intervention_provider":
        raise DomainError("Choose an intervention provider", field="provider")
    if service.max_sessions is not None and service.max_sessions < service.sessions:
        raise DomainError("The maximum must be at least the usual number", field="max_sessions")
    service.full_clean()
    return history.save_as(service, by)
