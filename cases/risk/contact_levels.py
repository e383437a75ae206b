"""Writes to the contact level: the Grid's level for the case, changes an SPO must
approve, and their decisions."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cases import risk_concerns
from cases.models import (
    Case,
    ContactLevelDecision,
    ContactLevelSource,
    ContactLevelStatus,
    GridRule,
    OrderStatus,
)
from cases.notify import case_notify, spos_for
from cases.risk import rules
from crc.domain import DomainError
from crc.history import save_as
from crc.stale import version_check


def _today() -> dt.date:
    return timezone.localdate()


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


def current_level(case: Case) -> ContactLevelDecision | None:
    return case.contact_levels.filter(status=ContactLevelStatus.ACTIVE).first()


def contact_level_state(case: Case) -> dict:
    """The level in force and any change waiting for approval: what every contact-level
    form (change, apply the Grid, decide) acts on, for its version token."""
    rows = {
        row.status: row
        for row in case.contact_levels.filter(
            status__in=[ContactLevelStatus.ACTIVE, ContactLevelStatus.AWAITING_APPROVAL]
        ).order_by("pk")
    }
    return {
        "contact_level_in_force": rows.get(ContactLevelStatus.ACTIVE),
        "change_waiting_for_approval": rows.get(ContactLevelStatus.AWAITING_APPROVAL),
    }


@transaction.atomic
def contact_level_apply_grid(
    *, case: Case, by, reason: str, version: str | None = None
) -> ContactLevelDecision:
    rule, phase = grid_level_for(case)
    if rule is None:
        raise DomainError("The Grid has no contact level for this case's tier yet")
    return _contact_level_set(
        case=case,
        by=by,
        level=rule.level,
        reason=reason,
        source=ContactLevelSource.GRID,
        phase=phase,
        version=version,
    )


@transaction.atomic
def contact_level_change(
    *,
    case: Case,
    by,
    contacts: int,
    period_days: int,
    face_to_face: int,
    reason: str,
    version: str | None = None,
) -> ContactLevelDecision:
    if not reason.strip():
        raise DomainError("Give a reason for changing the contact level", field="reason")
    return _contact_level_set(
        case=case,
        by=by,
        level=rules.ContactLevel(contacts, period_days, face_to_face),
        reason=reason.strip(),
        source=ContactLevelSource.OFFICER,
        phase="",
        version=version,
    )


def _contact_level_set(
    *,
    case: Case,
    by,
    level: rules.ContactLevel,
    reason: str,
    source: str,
    phase: str,
    version: str | None = None,
) -> ContactLevelDecision:
    # Lock the case: two changes at once must not both become "in force".
    case = Case.objects.select_for_update().get(pk=case.pk)
    version_check(version, contact_level_state(case), what="contact level")
    if level.contacts < 1 or level.period_days < 1:
        raise DomainError(
            "A contact level needs at least one contact in a period of at least a day"
        )
    if not 0 <= level.face_to_face <= level.contacts:
        raise DomainError(
            "Face-to-face contacts cannot exceed the contacts in the period", field="face_to_face"
        )
    if case.contact_levels.filter(status=ContactLevelStatus.AWAITING_APPROVAL).exists():
        raise DomainError("A contact level change is already waiting for SPO approval")
    current = current_level(case)
    reduction = level.is_reduction_from(current.level if current else None)
    concerns = risk_concerns.open_concerns(case) if reduction else []
    needs_approval = bool(reduction and concerns)
    decision = ContactLevelDecision(
        case=case,
        contacts=level.contacts,
        period_days=level.period_days,
        face_to_face=level.face_to_face,
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
        save_as(current, by, update_fields=["status"])
    save_as(decision, by)
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
    *,
    decision: ContactLevelDecision,
    by,
    approve: bool,
    note: str = "",
    version: str | None = None,
) -> ContactLevelDecision:
    Case.objects.select_for_update().get(pk=decision.case_id)
    decision = ContactLevelDecision.objects.select_for_update().get(pk=decision.pk)
    version_check(version, contact_level_state(decision.case), what="contact level")
    if decision.status != ContactLevelStatus.AWAITING_APPROVAL:
        raise DomainError("This contact level change has already been decided")
    if by.pk == decision.requested_by_id:
        raise DomainError("You cannot approve your own request")
    if not approve and not note.strip():
        raise DomainError("Say why the reduction is declined", field="note")
    now = timezone.now()
    if approve:
        # Row by row, not update(): the superseded level's history row records who ended it.
        for active in ContactLevelDecision.objects.filter(
            case=decision.case, status=ContactLevelStatus.ACTIVE
        ):
            active.status = ContactLevelStatus.SUPERSEDED
            save_as(active, by, update_fields=["status"])
    decision.status = ContactLevelStatus.ACTIVE if approve else ContactLevelStatus.DECLINED
    decision.decided_by = by
    decision.decided_at = now
    decision.decision_note = note.strip()
    save_as(decision, by)
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
