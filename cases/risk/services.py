"""Writes to risk on the case record: the tier, RoSH and scores, registrations and
needs. Every change that feeds the tier recalculates it."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from cases.models import (
    NON_BEHAVIOURAL_REQUIREMENTS,
    ORDER_TYPES_WITH_CONDITIONS,
    Case,
    CriminogenicNeed,
    EscalationStatus,
    OrderStatus,
    Registration,
    RegistrationPolicy,
    Sex,
)
from cases.policy_defaults import DEFAULT_REGISTRATION_REVIEW_MONTHS, REGISTRATION_REVIEW_MONTHS
from cases.risk import rules
from cases.risk.escalations import escalation_raise
from crc.domain import DomainError
from crc.history import save_as
from crc.stale import version_check


def _today() -> dt.date:
    return timezone.localdate()


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
        save_as(
            case, by, update_fields=["tier", "tier_working", "tier_calculated_at", "updated_at"]
        )
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


def risk_state(case: Case) -> dict:
    """What the risk form edits, for its version token (crc.stale)."""
    return {name: getattr(case, name) for name in RISK_FIELDS}


@transaction.atomic
def risk_record(*, case: Case, by, version: str | None = None, **values: Any) -> Case:
    """Record RoSH, scores and MAPPA. Escalates in the same transaction when they require it."""
    unknown = set(values) - set(RISK_FIELDS)
    if unknown:
        raise ValueError(f"Not risk fields: {sorted(unknown)}")
    case = Case.objects.select_for_update().get(pk=case.pk)
    version_check(version, risk_state(case), what="risk record")
    rosh_before = case.rosh_overall
    if values.get("mappa_level") and not values.get("mappa_category", case.mappa_category):
        raise DomainError("Give the MAPPA category with the level", field="mappa_category")
    for name, value in values.items():
        setattr(case, name, value)
    save_as(case, by, clean=True)
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


# --- Registrations and needs ---------------------------------------------------------


def registration_review_months(registration_type: str) -> int:
    row = RegistrationPolicy.objects.filter(registration_type=registration_type).first()
    if row:
        return row.review_months
    return REGISTRATION_REVIEW_MONTHS.get(registration_type, DEFAULT_REGISTRATION_REVIEW_MONTHS)


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
        next_review_date=rules.add_months(
            registered_on, registration_review_months(registration_type)
        ),
        notes=notes,
        registered_by=by,
    )
    save_as(registration, by)
    tier_recalculate(case=case, by=by)
    return registration


def registration_state(registration: Registration) -> dict:
    """What reviewing or ending a registration changes, for its version token."""
    return {
        "next_review_date": registration.next_review_date,
        "ended_on": registration.ended_on,
        "end_reason": registration.end_reason,
    }


def _registration_locked(registration: Registration, version: str | None) -> Registration:
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    version_check(version, registration_state(registration), what="registration")
    return registration


@transaction.atomic
def registration_review(
    *,
    registration: Registration,
    by,
    reviewed_on: dt.date | None = None,
    version: str | None = None,
) -> Registration:
    registration = _registration_locked(registration, version)
    reviewed_on = reviewed_on or _today()
    registration.next_review_date = rules.add_months(
        reviewed_on, registration_review_months(registration.registration_type)
    )
    return save_as(registration, by, update_fields=["next_review_date"])


@transaction.atomic
def registration_end(
    *, registration: Registration, by, reason: str, version: str | None = None
) -> Registration:
    registration = _registration_locked(registration, version)
    if registration.ended_on:
        raise DomainError("This registration has already ended")
    if not reason.strip():
        raise DomainError("Give a reason for ending the registration", field="reason")
    registration.ended_on = _today()
    registration.end_reason = reason.strip()
    save_as(registration, by, update_fields=["ended_on", "end_reason"])
    tier_recalculate(case=registration.case, by=by)
    return registration


def needs_state(case: Case) -> dict:
    """What the needs form edits (named as its fields), for its version token."""
    rows = CriminogenicNeed.objects.filter(case=case).order_by("need")
    return {f"need_{row.need}": row.severity for row in rows} | {"strengths": case.strengths}


@transaction.atomic
def needs_record(
    *,
    case: Case,
    by,
    needs: dict[str, str],
    strengths: str | None = None,
    assessed_on: dt.date | None = None,
    version: str | None = None,
) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    version_check(version, needs_state(case), what="needs assessment")
    for need, severity in needs.items():
        row = CriminogenicNeed.objects.filter(case=case, need=need).first()
        if row is None:
            row = CriminogenicNeed(case=case, need=need, severity=severity)
        elif row.severity == severity:
            continue
        row.severity = severity
        save_as(row, by, clean=True)
    if strengths is not None:
        case.strengths = strengths
    case.needs_assessed_on = assessed_on or _today()
    save_as(case, by, update_fields=["strengths", "needs_assessed_on", "updated_at"])
    tier_recalculate(case=case, by=by)
    return case
