"""Every write to the case record. Keyword-only, typed, atomic, named <noun>_<verb>.

Each service checks the state it depends on, writes, lets django-simple-history record
who changed what (the acting user is set explicitly, so Celery and management commands
attribute changes too), recalculates what derives from what changed (tier, Grid), and
queues side effects through the outbox in the same transaction.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from cases import risk_concerns, rules
from cases.models import (
    NON_BEHAVIOURAL_REQUIREMENTS,
    ORDER_TYPES_WITH_CONDITIONS,
    AccessListKind,
    Agency,
    Allocation,
    Case,
    CaseAccessEntry,
    CaseStatus,
    ContactLevelDecision,
    ContactLevelSource,
    ContactLevelStatus,
    CriminogenicNeed,
    DeadlinePolicy,
    Escalation,
    EscalationStatus,
    GridRule,
    InformationRequest,
    LicenceCondition,
    Order,
    OrderStatus,
    Registration,
    RegistrationPolicy,
    Requirement,
    Review,
    ReviewKind,
    ServiceCentreTask,
    Sex,
    SignificantChange,
    SignificantChangeSource,
    TaskKind,
)
from cases.policy_defaults import (
    DEADLINES,
    DEFAULT_REGISTRATION_REVIEW_MONTHS,
    REGISTRATION_REVIEW_MONTHS,
)
from crc.access.policy import visible_cases
from crc.domain import DomainError
from crc.notifications.services import notification_send
from crc.organisation.models import RESPONSIBLE_OFFICER_ROLES, Role
from crc.workingdays import add_working_days

Staff = get_user_model()


def _today() -> dt.date:
    return timezone.localdate()


def _attribute(instance, user) -> None:
    # simple-history reads _history_user; without it, changes made outside a request
    # (Celery, the shell) would be anonymous.
    instance._history_user = user


def deadline_working_days(key: str) -> int:
    row = DeadlinePolicy.objects.filter(key=key).values_list("working_days", flat=True).first()
    return row if row is not None else DEADLINES[key][1]


def _case_url(case: Case, suffix: str = "") -> str:
    return f"/cases/{case.crn}/{suffix}"


def recipients_who_can_see(case: Case, people: Iterable[Any]) -> list[Any]:
    """Notifications go only to people the access policy lets see the case."""
    return [
        person
        for person in {p.pk: p for p in people if p is not None and p.is_active}.values()
        if visible_cases(person, Case.objects.filter(pk=case.pk)).exists()
    ]


def case_notify(
    *,
    case: Case,
    people: Iterable[Any],
    subject: str,
    body: str,
    tab: str = "",
    category: str,
    dedupe_key: str,
) -> bool:
    """Notify people about a case, linking to one of its tabs. The one place that applies
    the access policy to notifications: people who cannot see the case are left out.
    False when nobody is left to tell."""
    recipients = recipients_who_can_see(case, people)
    if not recipients:
        return False
    notification_send(
        recipients=recipients,
        subject=subject,
        body=body,
        url=_case_url(case, tab),
        category=category,
        dedupe_key=dedupe_key,
    )
    return True


def spos_for(case: Case) -> list[Any]:
    if not case.team_id:
        return []
    return list(
        Staff.objects.filter(
            role=Role.SENIOR_PROBATION_OFFICER, managed_teams=case.team_id, is_active=True
        )
    )


# --- Person and orders -----------------------------------------------------------


@transaction.atomic
def case_create(*, by, crn: str, team, **person: Any) -> Case:
    crn = crn.strip().upper()
    if not rules.crn_is_valid(crn):
        raise DomainError(
            "Enter a CRN as one capital letter and six digits, like X123456", field="crn"
        )
    if Case.objects.filter(crn=crn).exists():
        raise DomainError("A case with this CRN already exists", field="crn")
    case = Case(crn=crn, team=team, **person)
    _attribute(case, by)
    case.full_clean()
    case.save()
    tier_recalculate(case=case, by=by)
    return case


@transaction.atomic
def case_update_person(*, case: Case, by, **fields: Any) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    sex_changed = "sex" in fields and fields["sex"] != case.sex
    for name, value in fields.items():
        setattr(case, name, value)
    _attribute(case, by)
    case.full_clean()
    case.save()
    if sex_changed:
        tier_recalculate(case=case, by=by)
    return case


@transaction.atomic
def order_add(
    *,
    case: Case,
    by,
    requirements: Iterable[dict] = (),
    conditions: Iterable[dict] = (),
    **fields: Any,
) -> Order:
    order = Order(case=case, **fields)
    _attribute(order, by)
    order.full_clean()
    order.save()
    for requirement in requirements:
        requirement_add(order=order, by=by, **requirement)
    for condition in conditions:
        licence_condition_add(order=order, by=by, **condition)
    tier_recalculate(case=case, by=by)
    return order


@transaction.atomic
def order_update(*, order: Order, by, **fields: Any) -> Order:
    for name, value in fields.items():
        setattr(order, name, value)
    _attribute(order, by)
    order.full_clean()
    order.save()
    tier_recalculate(case=order.case, by=by)
    return order


@transaction.atomic
def requirement_add(
    *, order: Order, by, requirement_type: str, length: int | None = None, details: str = ""
) -> Requirement:
    if order.order_type in ORDER_TYPES_WITH_CONDITIONS:
        raise DomainError(
            "Licences and post-sentence supervision have conditions, not requirements"
        )
    requirement = Requirement(
        order=order, requirement_type=requirement_type, length=length, details=details
    )
    _attribute(requirement, by)
    requirement.full_clean()
    requirement.save()
    tier_recalculate(case=order.case, by=by)
    return requirement


@transaction.atomic
def licence_condition_add(
    *, order: Order, by, condition: str, details: str = ""
) -> LicenceCondition:
    if order.order_type not in ORDER_TYPES_WITH_CONDITIONS:
        raise DomainError("Only licences and post-sentence supervision have licence conditions")
    item = LicenceCondition(order=order, condition=condition, details=details)
    _attribute(item, by)
    item.full_clean()
    item.save()
    return item


# --- Allocation --------------------------------------------------------------------


@transaction.atomic
def case_allocate(*, case: Case, officer, reason: str, by) -> Allocation:
    """Allocate (or reallocate) the case to a responsible officer in their team."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not reason.strip():
        raise DomainError("Give a reason for the allocation", field="reason")
    if officer.role not in RESPONSIBLE_OFFICER_ROLES or not officer.is_active:
        raise DomainError(
            "Cases can only be allocated to a probation officer or PSO", field="officer"
        )
    if not officer.team_id:
        raise DomainError("The officer is not in a team", field="officer")
    if officer.role == Role.PROBATION_SERVICES_OFFICER and not rules.psos_may_hold(case.tier):
        raise DomainError(
            f"A probation services officer cannot hold a tier {case.tier} case: "
            "allocate it to a probation officer",
            field="officer",
        )
    if case.responsible_officer_id == officer.pk:
        raise DomainError("The case is already allocated to this officer", field="officer")
    excluded = CaseAccessEntry.objects.filter(
        case=case, staff=officer, kind=AccessListKind.EXCLUSION
    )
    restricted = CaseAccessEntry.objects.filter(case=case, kind=AccessListKind.RESTRICTION)
    if excluded.exists() or (restricted.exists() and not restricted.filter(staff=officer).exists()):
        raise DomainError("This officer may not see this restricted case", field="officer")

    now = timezone.now()
    Allocation.objects.filter(case=case, ended_at__isnull=True).update(ended_at=now)
    allocation = Allocation.objects.create(
        case=case,
        officer=officer,
        team_id=officer.team_id,
        reason=reason.strip(),
        allocated_by=by,
        started_at=now,
    )
    case.responsible_officer = officer
    case.team_id = officer.team_id
    _attribute(case, by)
    case.save(update_fields=["responsible_officer", "team", "updated_at"])
    if not case.contact_levels.filter(status=ContactLevelStatus.ACTIVE).exists():
        contact_level_apply_grid(case=case, by=by, reason="Set by the Grid at allocation")
    case_notify(
        case=case,
        people=[officer],
        subject=f"Case {case.crn} allocated to you",
        body=f"Case {case.crn} has been allocated to you. Reason: {reason.strip()}",
        category="allocation",
        dedupe_key=f"allocation:{allocation.pk}",
    )
    return allocation


# --- Tier --------------------------------------------------------------------------


def tier_inputs(case: Case) -> rules.TierInputs:
    active_orders = list(
        case.orders.filter(status=OrderStatus.ACTIVE).prefetch_related("requirements")
    )
    behaviour_change = any(
        order.order_type in ORDER_TYPES_WITH_CONDITIONS
        or any(
            r.requirement_type not in NON_BEHAVIOURAL_REQUIREMENTS for r in order.requirements.all()
        )
        for order in active_orders
    )
    women_factors = {name for name in rules.WOMEN_FACTORS if getattr(case, name)}
    return rules.TierInputs(
        rosh=rules.Rosh(case.rosh_overall) if case.rosh_overall else None,
        rsr=float(case.rsr_score) if case.rsr_score is not None else None,
        mappa_level=case.mappa_level,
        registrations=frozenset(
            case.registrations.filter(ended_on__isnull=True).values_list(
                "registration_type", flat=True
            )
        ),
        is_female=case.sex == Sex.FEMALE,
        women_factors=frozenset(women_factors),
        needs={n.need: rules.Severity(n.severity) for n in case.needs.all()},
        ogrs=case.ogrs_score,
        iom_nominal=case.iom_nominal,
        has_assessment=case.needs_assessed_on is not None,
        # Before any order is recorded, assume supervision (the usual case) rather than 0.
        has_behaviour_change_requirement=behaviour_change or not active_orders,
    )


@transaction.atomic
def tier_recalculate(*, case: Case, by=None) -> rules.Tier:
    tier = rules.calculate_tier(tier_inputs(case))
    working = {
        "protect_points": tier.protect_points,
        "change_points": tier.change_points,
        "change_note": tier.change_note,
        "lines": [
            {"axis": p.axis, "source": p.source, "points": p.points, "counted": p.counted}
            for p in tier.working
        ],
    }
    if case.tier != tier.code or case.tier_working != working:
        case.tier = tier.code
        case.tier_working = working
        case.tier_calculated_at = timezone.now()
        _attribute(case, by)
        case.save(update_fields=["tier", "tier_working", "tier_calculated_at", "updated_at"])
    return tier


# --- Risk --------------------------------------------------------------------------

RISK_FIELDS = (
    "rosh_overall",
    "rosh_children",
    "rosh_public",
    "rosh_known_adult",
    "rosh_staff",
    "rosh_assessed_on",
    "ogrs_score",
    "rsr_score",
    "mappa_category",
    "mappa_level",
    "iom_nominal",
    "parenting_responsibilities",
    "poor_self_control",
    "breach_or_recall_last_12_months",
)


@transaction.atomic
def risk_record(*, case: Case, by, **values: Any) -> Case:
    """Record RoSH, scores and MAPPA. Escalates in the same transaction when they require it."""
    unknown = set(values) - set(RISK_FIELDS)
    if unknown:
        raise ValueError(f"Not risk fields: {sorted(unknown)}")
    case = Case.objects.select_for_update().get(pk=case.pk)
    rosh_before = case.rosh_overall
    if values.get("mappa_level") and not values.get("mappa_category", case.mappa_category):
        raise DomainError("Give the MAPPA category with the level", field="mappa_category")
    for name, value in values.items():
        setattr(case, name, value)
    _attribute(case, by)
    case.full_clean()
    case.save()
    if rosh_before and case.rosh_overall != rosh_before:
        # A change in risk of harm triggers a review (DOMAIN.md §4). Imported here: the
        # reviews services import this module.
        from cases.reviews.services import review_trigger_rosh_change

        review_trigger_rosh_change(case=case, history_id=case.history.latest().history_id)
    tier_recalculate(case=case, by=by)
    reasons = rules.must_escalate(
        rosh=rules.Rosh(case.rosh_overall) if case.rosh_overall else None,
        mappa_level=case.mappa_level,
    )
    if reasons and not case.escalations.exclude(status=EscalationStatus.CLOSED).exists():
        escalation_raise(case=case, by=by, reasons="; ".join(reasons))
    return case


@transaction.atomic
def escalation_raise(*, case: Case, by, reasons: str) -> Escalation:
    try:
        with transaction.atomic():
            escalation = Escalation.objects.create(
                case=case, reasons=reasons, raised_at=timezone.now(), raised_by=by
            )
    except IntegrityError as exc:
        raise DomainError("This case already has an open escalation") from exc
    due = add_working_days(_today(), deadline_working_days("nps-referral"))
    ServiceCentreTask.objects.create(
        case=case,
        kind=TaskKind.NPS_REFERRAL,
        description=f"Prepare and send the NPS referral for {case.crn}: {reasons}",
        due_date=due,
        source_key=f"escalation:{escalation.pk}:referral",
    )
    case_notify(
        case=case,
        people=spos_for(case),
        subject=f"Risk of harm escalation: {case.crn}",
        body=(
            f"Case {case.crn} must be referred to the NPS ({reasons}). The service centre has "
            f"a referral task due {due:%d %B %Y}. The CRC keeps supervising until the NPS accepts."
        ),
        tab="risk/",
        category="escalation",
        dedupe_key=f"escalation:{escalation.pk}:spo-alert",
    )
    return escalation


# Guarded transitions: from -> allowed to.
ESCALATION_TRANSITIONS: dict[str, set[str]] = {
    EscalationStatus.RAISED: {EscalationStatus.REFERRED, EscalationStatus.CLOSED},
    EscalationStatus.REFERRED: {EscalationStatus.ACCEPTED, EscalationStatus.DECLINED},
    EscalationStatus.ACCEPTED: {EscalationStatus.CLOSED},
    EscalationStatus.DECLINED: {EscalationStatus.CLOSED},
    EscalationStatus.CLOSED: set(),
}


@transaction.atomic
def escalation_progress(
    *, escalation: Escalation, by, to_status: str, note: str = ""
) -> Escalation:
    escalation = Escalation.objects.select_for_update().get(pk=escalation.pk)
    if to_status not in ESCALATION_TRANSITIONS[escalation.status]:
        raise DomainError(
            f"An escalation that is {escalation.get_status_display().lower()} cannot become "
            f"{EscalationStatus(to_status).label.lower()}",
            field="status",
        )
    if (
        to_status == EscalationStatus.CLOSED
        and escalation.status == EscalationStatus.RAISED
        and not note.strip()
    ):
        raise DomainError("Say why the escalation is closed without a referral", field="note")
    now = timezone.now()
    escalation.status = to_status
    if to_status == EscalationStatus.REFERRED:
        escalation.referred_at = now
        ServiceCentreTask.objects.filter(
            source_key=f"escalation:{escalation.pk}:referral", status="open"
        ).update(status="done", completed_at=now, completed_by=by)
    elif to_status in (EscalationStatus.ACCEPTED, EscalationStatus.DECLINED):
        escalation.decided_at = now
    elif to_status == EscalationStatus.CLOSED:
        escalation.closed_at = now
    if note.strip():
        stamp = f"{timezone.localtime(now):%d %b %Y %H:%M} {by}: {note.strip()}"
        escalation.notes = f"{escalation.notes}\n{stamp}".strip()
    _attribute(escalation, by)
    escalation.save()
    case = escalation.case
    if to_status == EscalationStatus.ACCEPTED:
        case.status = CaseStatus.TRANSFERRED
        _attribute(case, by)
        case.save(update_fields=["status", "updated_at"])
    case_notify(
        case=case,
        people=[case.responsible_officer, *spos_for(case)],
        subject=f"Escalation of {case.crn}: {escalation.get_status_display().lower()}",
        body=f"The escalation for {case.crn} is now: {escalation.get_status_display()}",
        tab="risk/",
        category="escalation",
        dedupe_key=f"escalation:{escalation.pk}:{to_status}",
    )
    return escalation


# --- Registrations and needs ---------------------------------------------------------


def registration_review_months(registration_type: str) -> int:
    row = RegistrationPolicy.objects.filter(registration_type=registration_type).first()
    if row:
        return row.review_months
    return REGISTRATION_REVIEW_MONTHS.get(registration_type, DEFAULT_REGISTRATION_REVIEW_MONTHS)


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@transaction.atomic
def registration_add(
    *, case: Case, by, registration_type: str, registered_on: dt.date | None = None, notes: str = ""
) -> Registration:
    registered_on = registered_on or _today()
    if registered_on > _today():
        raise DomainError("The registration date cannot be in the future", field="registered_on")
    if case.registrations.filter(
        registration_type=registration_type, ended_on__isnull=True
    ).exists():
        raise DomainError(
            "This registration is already active on the case", field="registration_type"
        )
    registration = Registration(
        case=case,
        registration_type=registration_type,
        registered_on=registered_on,
        next_review_date=add_months(registered_on, registration_review_months(registration_type)),
        notes=notes,
        registered_by=by,
    )
    _attribute(registration, by)
    registration.save()
    tier_recalculate(case=case, by=by)
    return registration


@transaction.atomic
def registration_review(
    *, registration: Registration, by, reviewed_on: dt.date | None = None
) -> Registration:
    reviewed_on = reviewed_on or _today()
    registration.next_review_date = add_months(
        reviewed_on, registration_review_months(registration.registration_type)
    )
    _attribute(registration, by)
    registration.save(update_fields=["next_review_date"])
    return registration


@transaction.atomic
def registration_end(*, registration: Registration, by, reason: str) -> Registration:
    if registration.ended_on:
        raise DomainError("This registration has already ended")
    if not reason.strip():
        raise DomainError("Give a reason for ending the registration", field="reason")
    registration.ended_on = _today()
    registration.end_reason = reason.strip()
    _attribute(registration, by)
    registration.save(update_fields=["ended_on", "end_reason"])
    tier_recalculate(case=registration.case, by=by)
    return registration


@transaction.atomic
def needs_record(
    *,
    case: Case,
    by,
    needs: dict[str, str],
    strengths: str | None = None,
    assessed_on: dt.date | None = None,
) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    for need, severity in needs.items():
        row = CriminogenicNeed.objects.filter(case=case, need=need).first()
        if row is None:
            row = CriminogenicNeed(case=case, need=need, severity=severity)
        elif row.severity == severity:
            continue
        row.severity = severity
        _attribute(row, by)
        row.full_clean()
        row.save()
    if strengths is not None:
        case.strengths = strengths
    case.needs_assessed_on = assessed_on or _today()
    _attribute(case, by)
    case.save(update_fields=["strengths", "needs_assessed_on", "updated_at"])
    tier_recalculate(case=case, by=by)
    return case


# --- Contact level (the Grid) ----------------------------------------------------------


def grid_level_for(case: Case, today: dt.date | None = None) -> tuple[GridRule | None, rules.Phase]:
    today = today or _today()
    order = case.orders.filter(status=OrderStatus.ACTIVE).order_by("-start_date").first()
    phase = rules.sentence_phase(
        start=order.start_date if order else None,
        release=order.release_date if order else None,
        today=today,
    )
    rule = (
        GridRule.objects.filter(tier=rules.grid_key(case.tier), phase=phase).first()
        if case.tier
        else None
    )
    return rule, phase


def _current_level(case: Case) -> ContactLevelDecision | None:
    return case.contact_levels.filter(status=ContactLevelStatus.ACTIVE).first()


@transaction.atomic
def contact_level_apply_grid(*, case: Case, by, reason: str) -> ContactLevelDecision:
    rule, phase = grid_level_for(case)
    if rule is None:
        raise DomainError("The Grid has no contact level for this case's tier yet")
    return _contact_level_set(
        case=case,
        by=by,
        contacts=rule.contacts,
        period_days=rule.period_days,
        face_to_face=rule.face_to_face,
        reason=reason,
        source=ContactLevelSource.GRID,
        phase=phase,
    )


@transaction.atomic
def contact_level_change(
    *, case: Case, by, contacts: int, period_days: int, face_to_face: int, reason: str
) -> ContactLevelDecision:
    if not reason.strip():
        raise DomainError("Give a reason for changing the contact level", field="reason")
    return _contact_level_set(
        case=case,
        by=by,
        contacts=contacts,
        period_days=period_days,
        face_to_face=face_to_face,
        reason=reason.strip(),
        source=ContactLevelSource.OFFICER,
        phase="",
    )


def _contact_level_set(
    *,
    case: Case,
    by,
    contacts: int,
    period_days: int,
    face_to_face: int,
    reason: str,
    source: str,
    phase: str,
) -> ContactLevelDecision:
    # Lock the case: two changes at once must not both become "in force".
    case = Case.objects.select_for_update().get(pk=case.pk)
    if contacts < 1 or period_days < 1:
        raise DomainError(
            "A contact level needs at least one contact in a period of at least a day"
        )
    if not 0 <= face_to_face <= contacts:
        raise DomainError(
            "Face-to-face contacts cannot exceed the contacts in the period", field="face_to_face"
        )
    if case.contact_levels.filter(status=ContactLevelStatus.AWAITING_APPROVAL).exists():
        raise DomainError("A contact level change is already waiting for SPO approval")
    current = _current_level(case)
    new_level = rules.ContactLevel(contacts, period_days, face_to_face)
    reduction = new_level.is_reduction_from(current.level if current else None)
    concerns = risk_concerns.open_concerns(case) if reduction else []
    needs_approval = bool(reduction and concerns)
    decision = ContactLevelDecision(
        case=case,
        contacts=contacts,
        period_days=period_days,
        face_to_face=face_to_face,
        source=source,
        tier=case.tier,
        phase=phase,
        reason=reason,
        status=ContactLevelStatus.AWAITING_APPROVAL
        if needs_approval
        else ContactLevelStatus.ACTIVE,
        is_reduction=reduction,
        risk_concerns=concerns,
        requested_by=by,
        requested_at=timezone.now(),
    )
    if not needs_approval and current:
        current.status = ContactLevelStatus.SUPERSEDED
        _attribute(current, by)
        current.save(update_fields=["status"])
    _attribute(decision, by)
    decision.save()
    if needs_approval:
        case_notify(
            case=case,
            people=spos_for(case),
            subject=f"Contact level reduction needs your approval: {case.crn}",
            body=(
                f"{by} asks to reduce contact for {case.crn} to {decision.describe()} while a "
                f"risk concern is open ({'; '.join(concerns)}). Reason: {reason}"
            ),
            tab="risk/",
            category="approval",
            dedupe_key=f"contact-level:{decision.pk}:approval",
        )
    return decision


@transaction.atomic
def contact_level_decide(
    *, decision: ContactLevelDecision, by, approve: bool, note: str = ""
) -> ContactLevelDecision:
    decision = ContactLevelDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != ContactLevelStatus.AWAITING_APPROVAL:
        raise DomainError("This contact level change has already been decided")
    if by.pk == decision.requested_by_id:
        raise DomainError("You cannot approve your own request")
    if not approve and not note.strip():
        raise DomainError("Say why the reduction is declined", field="note")
    now = timezone.now()
    if approve:
        ContactLevelDecision.objects.filter(
            case=decision.case, status=ContactLevelStatus.ACTIVE
        ).update(status=ContactLevelStatus.SUPERSEDED)
    decision.status = ContactLevelStatus.ACTIVE if approve else ContactLevelStatus.DECLINED
    decision.decided_by = by
    decision.decided_at = now
    decision.decision_note = note.strip()
    _attribute(decision, by)
    decision.save()
    case = decision.case
    verdict = "approved" if approve else "declined"
    case_notify(
        case=case,
        people=[decision.requested_by],
        subject=f"Contact level reduction {verdict}: {case.crn}",
        body=f"{by} {verdict} the reduction to {decision.describe()}. {note}".strip(),
        tab="risk/",
        category="approval",
        dedupe_key=f"contact-level:{decision.pk}:decided",
    )
    return decision


# --- Limited access -------------------------------------------------------------------


@transaction.atomic
def access_entry_add(*, case: Case, by, staff, kind: str, reason: str) -> CaseAccessEntry:
    if not reason.strip():
        raise DomainError("Give a reason for limiting access", field="reason")
    if kind == AccessListKind.EXCLUSION and staff.pk == case.responsible_officer_id:
        raise DomainError(
            "Reallocate the case before excluding its responsible officer", field="staff"
        )
    entry, created = CaseAccessEntry.objects.get_or_create(
        case=case, staff=staff, kind=kind, defaults={"reason": reason.strip(), "added_by": by}
    )
    if not created:
        raise DomainError("This person is already on that list", field="staff")
    if (
        kind == AccessListKind.RESTRICTION
        and case.responsible_officer_id
        and not CaseAccessEntry.objects.filter(
            case=case, kind=AccessListKind.RESTRICTION, staff_id=case.responsible_officer_id
        ).exists()
    ):
        # A restriction list that leaves out the officer holding the case would lock
        # them out of their own work: name them too.
        CaseAccessEntry.objects.create(
            case=case,
            staff_id=case.responsible_officer_id,
            kind=AccessListKind.RESTRICTION,
            reason="Responsible officer (added automatically)",
            added_by=by,
        )
    return entry


# --- Significant change and triggered reviews (DOMAIN.md §4) ----------------------------


@transaction.atomic
def review_trigger(*, case: Case, kind: str, due_on: dt.date, source_key: str) -> "Review":
    """Create a triggered review once per cause (source_key is unique)."""
    review, _ = Review.objects.get_or_create(
        source_key=source_key, defaults={"case": case, "kind": kind, "due_on": due_on}
    )
    return review


@transaction.atomic
def significant_change_record(
    *,
    case: Case,
    category: str,
    description: str,
    occurred_on: dt.date,
    by=None,
    partner_organisation=None,
    reported_by: str = "",
    contact=None,
) -> "SignificantChange":
    """Record a significant change in circumstances: it triggers a review due within the
    deadline (default 10 working days) and alerts the SPO. Staff record it (`by`) or a
    partner reports it through the API (`partner_organisation`, `reported_by`). Until the
    triggered review is completed it is an open risk concern (see risk_concerns)."""
    if not description.strip():
        raise DomainError("Describe what changed", field="description")
    if occurred_on > _today():
        raise DomainError("The date cannot be in the future", field="occurred_on")
    if by is None and partner_organisation is None:
        raise ValueError("A significant change is recorded by staff or reported by a partner")
    change = SignificantChange(
        case=case,
        category=category,
        description=description.strip(),
        occurred_on=occurred_on,
        source=SignificantChangeSource.STAFF if by else SignificantChangeSource.PARTNER,
        recorded_by=by,
        partner_organisation=partner_organisation,
        reported_by=reported_by[:200],
        contact=contact,
    )
    _attribute(change, by)
    change.full_clean()
    change.save()
    due = add_working_days(_today(), deadline_working_days("significant-change-review"))
    review = review_trigger(
        case=case,
        kind=ReviewKind.SIGNIFICANT_CHANGE,
        due_on=due,
        source_key=f"significant-change:{change.pk}",
    )
    change.review = review
    change.save(update_fields=["review"])
    who = str(by) if by else f"{partner_organisation} ({reported_by or 'partner'})"
    case_notify(
        case=case,
        people=[*spos_for(case), case.responsible_officer],
        subject=f"Significant change: {case.crn}",
        body=(
            f"{who} recorded a significant change for {case.crn}: "
            f"{change.get_category_display()}. A review is due by {due:%d %B %Y}."
        ),
        category="significant_change",
        dedupe_key=f"significant-change:{change.pk}:alert",
    )
    return change


# --- Information requests to the police and children's social care -----------------------


def information_request_required(case: Case) -> list[str]:
    """Agencies whose information the assessment needs and has not asked for: police for
    domestic abuse, children's social care for child concerns (DOMAIN.md §4)."""
    active = set(
        case.registrations.filter(ended_on__isnull=True).values_list("registration_type", flat=True)
    )
    asked = set(
        case.information_requests.exclude(status="withdrawn").values_list("agency", flat=True)
    )
    needed = []
    if "domestic_abuse" in active and Agency.POLICE not in asked:
        needed.append(Agency.POLICE)
    child_flags = {"child_concerns", "child_protection", "risk_to_children"}
    if active & child_flags and Agency.CHILDRENS_SOCIAL_CARE not in asked:
        needed.append(Agency.CHILDRENS_SOCIAL_CARE)
    return needed


@transaction.atomic
def information_request_raise(
    *, case: Case, by, agency: str, question: str, partner_organisation=None
) -> InformationRequest:
    if not question.strip():
        raise DomainError("Say what you need to know", field="question")
    if partner_organisation is not None and partner_organisation.partner_type != agency:
        raise DomainError(
            "That organisation is not of the agency type chosen", field="partner_organisation"
        )
    sent = _today()
    request = InformationRequest(
        case=case,
        agency=agency,
        partner_organisation=partner_organisation,
        question=question.strip(),
        sent_on=sent,
        chase_due_on=add_working_days(sent, deadline_working_days("information-request-chase")),
        escalate_due_on=add_working_days(
            sent, deadline_working_days("information-request-escalate")
        ),
        requested_by=by,
    )
    _attribute(request, by)
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def information_request_answer(
    *, request: InformationRequest, answer: str, by=None, partner_person: str = ""
) -> InformationRequest:
    """Record the answer (by staff who received it another way, or by the partner through
    the API), mark the request answered and tell the officer."""
    request = (
        InformationRequest.objects.select_for_update().select_related("case").get(pk=request.pk)
    )
    if not request.is_open:
        raise DomainError(f"This request is already {request.get_status_display().lower()}")
    if not answer.strip():
        raise DomainError("Enter the answer", field="answer")
    request.answer = answer.strip()
    request.status = "answered"
    request.answered_at = timezone.now()
    request.answered_by_staff = by
    request.answered_by_partner = partner_person[:200]
    _attribute(request, by)
    request.save()
    case = request.case
    who = str(by) if by else f"{request.partner_organisation or request.get_agency_display()}"
    case_notify(
        case=case,
        people=[case.responsible_officer],
        subject=f"Information request answered: {case.crn}",
        body=(
            f"{who} answered the {request.get_agency_display().lower()} information request "
            f"for {case.crn}."
        ),
        tab="assessment/",
        category="information_request",
        dedupe_key=f"information-request:{request.pk}:answered",
    )
    return request


@transaction.atomic
def information_request_chase(*, request: InformationRequest, by=None) -> InformationRequest:
    request = InformationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != "sent":
        raise DomainError("Only a request that has been sent and not chased can be chased")
    request.status = "chased"
    request.chased_on = _today()
    _attribute(request, by)
    request.save(update_fields=["status", "chased_on", "updated_at"])
    return request


@transaction.atomic
def information_request_escalate(*, request: InformationRequest, by=None) -> InformationRequest:
    request = (
        InformationRequest.objects.select_for_update().select_related("case").get(pk=request.pk)
    )
    if request.status not in ("sent", "chased"):
        raise DomainError("Only an unanswered request can be escalated")
    request.status = "escalated"
    request.escalated_on = _today()
    _attribute(request, by)
    request.save(update_fields=["status", "escalated_on", "updated_at"])
    case = request.case
    case_notify(
        case=case,
        people=spos_for(case),
        subject=f"Information request unanswered: {case.crn}",
        body=(
            f"The {request.get_agency_display().lower()} information request for {case.crn} "
            f"sent on {request.sent_on:%d %B %Y} has no answer after "
            f"{deadline_working_days('information-request-escalate')} working days."
        ),
        tab="assessment/",
        category="information_request",
        dedupe_key=f"information-request:{request.pk}:escalated",
    )
    return request


@transaction.atomic
def information_request_withdraw(
    *, request: InformationRequest, by, reason: str
) -> InformationRequest:
    request = InformationRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_open:
        raise DomainError("Only an open request can be withdrawn")
    if not reason.strip():
        raise DomainError("Say why the request is withdrawn", field="reason")
    request.status = "withdrawn"
    request.answer = f"Withdrawn: {reason.strip()}"
    _attribute(request, by)
    request.save(update_fields=["status", "answer", "updated_at"])
    return request
