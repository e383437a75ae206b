"""Every write for reviews and management oversight (DOMAIN.md §4).

Reviews are created once per cause (Review.source_key is unique), so a job or a caller
that runs twice creates one review. Completing a review stores what changed since the
last one, ties the significant changes it covers to it, and schedules the next periodic
review from its own completion (16 weeks by default, CRC_PERIODIC_REVIEW_WEEKS).
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from cases.deadlines import deadline_working_days
from cases.models import (
    Case,
    ContactLevelDecision,
    ContactLevelStatus,
    Escalation,
    OversightEntry,
    OversightKind,
    Review,
    ReviewKind,
    ReviewStatus,
    SignificantChange,
    SignificantChangeSource,
)
from cases.notify import case_notify, spos_for
from cases.reviews import rules, selectors
from cases.risk.contact_levels import contact_level_apply_grid, current_level, grid_level_for
from crc.domain import DomainError, StaleVersionError
from crc.history import save_as, save_new_version
from crc.workingdays import add_working_days


def periodic_review_weeks() -> int:
    return getattr(settings, "CRC_PERIODIC_REVIEW_WEEKS", 16)


# --- Scheduling ----------------------------------------------------------------------------


@transaction.atomic
def review_schedule_periodic(*, case: Case, anchor: dt.date) -> Review:
    """The periodic review due `weeks` after the anchor, once (source_key
    "periodic:<case>:<due date>")."""
    due = rules.periodic_due(anchor, periodic_review_weeks())
    review, created = Review.objects.get_or_create(
        source_key=f"periodic:{case.pk}:{due.isoformat()}",
        defaults={"case": case, "kind": ReviewKind.PERIODIC, "due_on": due},
    )
    if not created and review.status == ReviewStatus.CANCELLED:
        # Scheduled, superseded, and now due again on the same day: reopen, not duplicate.
        review.status = ReviewStatus.DUE
        review.save(update_fields=["status", "updated_at"])
    return review


def triggered_review_due(today: dt.date | None = None) -> dt.date:
    # Every triggered review shares the significant-change deadline (policy as data).
    return add_working_days(
        today or timezone.localdate(), deadline_working_days("significant-change-review")
    )


def review_trigger_for(
    *, case: Case, kind: str, cause: str, today: dt.date | None = None
) -> Review:
    """A triggered review for a cause other code detects (RoSH change, enforcement,
    recall, release): one per cause, e.g. cause="enforcement:12"."""
    if kind not in ReviewKind.values or kind == ReviewKind.PERIODIC:
        raise ValueError(f"Not a triggered review kind: {kind!r}")
    return review_trigger(
        case=case, kind=kind, due_on=triggered_review_due(today), source_key=cause
    )


# Source keys per IN list and rows per INSERT when a job triggers thousands of reviews.
TRIGGER_BATCH_SIZE = 1000


@transaction.atomic
def review_trigger_many(*, triggers: list[tuple[int, str, str]], today=None) -> int:
    """review_trigger_for for many causes at once, as (case id, kind, cause); returns
    how many reviews it created. Once per cause as before (the unique source key):
    causes already reviewed are read in one query per TRIGGER_BATCH_SIZE, the rest are
    inserted together with their history rows."""
    due_on = triggered_review_due(today)
    wanted: dict[str, tuple[int, str]] = {}
    for case_id, kind, cause in triggers:
        if kind not in ReviewKind.values or kind == ReviewKind.PERIODIC:
            raise ValueError(f"Not a triggered review kind: {kind!r}")
        wanted.setdefault(cause, (case_id, kind))
    causes = list(wanted)
    existing: set[str] = set()
    for start in range(0, len(causes), TRIGGER_BATCH_SIZE):
        existing.update(
            Review.objects.filter(
                source_key__in=causes[start : start + TRIGGER_BATCH_SIZE]
            ).values_list("source_key", flat=True)
        )
    new = [
        Review(case_id=case_id, kind=kind, due_on=due_on, source_key=cause)
        for cause, (case_id, kind) in wanted.items()
        if cause not in existing
    ]
    bulk_create_with_history(new, Review, batch_size=TRIGGER_BATCH_SIZE)
    return len(new)


def enforcement_trigger(action) -> tuple[int, str, str]:
    """The (case id, kind, cause) of the review an enforcement or recall decision triggers."""
    kind = ReviewKind.RECALL if action.kind == "recall" else ReviewKind.ENFORCEMENT
    return (action.case_id, kind, f"{kind}:{action.pk}")


def release_trigger(order) -> tuple[int, str, str]:
    return (order.case_id, ReviewKind.RELEASE, f"release:{order.pk}")


def rosh_change_trigger(case_id: int, history_id: int) -> tuple[int, str, str]:
    return (case_id, ReviewKind.ROSH_CHANGE, f"rosh-change:{history_id}")


def review_trigger_rosh_change(*, case: Case, history_id: int, today=None) -> Review:
    return review_trigger_for(
        case=case, kind=ReviewKind.ROSH_CHANGE, cause=f"rosh-change:{history_id}", today=today
    )


def review_trigger_enforcement(*, action, today=None) -> Review:
    kind = ReviewKind.RECALL if action.kind == "recall" else ReviewKind.ENFORCEMENT
    return review_trigger_for(case=action.case, kind=kind, cause=f"{kind}:{action.pk}", today=today)


def review_trigger_release(*, order, today=None) -> Review:
    return review_trigger_for(
        case=order.case, kind=ReviewKind.RELEASE, cause=f"release:{order.pk}", today=today
    )


# --- Completing a review ------------------------------------------------------------------


@transaction.atomic
def review_complete(
    *,
    review: Review,
    by,
    version: int,
    sections: dict[str, str],
    reapply_grid: bool,
    unchanged_reasons: dict[str, str] | None = None,
    now: dt.datetime | None = None,
) -> Review:
    """Complete a due review. Refuses a stale version (someone saved first), a section
    copied word for word from the last review while things have changed (unless the
    officer says why nothing changed there), and a Grid that cannot be re-applied."""
    unchanged_reasons = {k: v.strip() for k, v in (unchanged_reasons or {}).items() if v.strip()}
    review = Review.objects.select_for_update().select_related("case").get(pk=review.pk)
    if review.version != version:
        raise StaleVersionError(
            f"Someone else saved this review (version {review.version}) after you opened it. "
            "Their version is shown below; check it before saving again."
        )
    if review.status != ReviewStatus.DUE:
        raise DomainError(f"This review is already {review.get_status_display().lower()}")
    missing = [name for name in rules.SECTIONS if not (sections.get(name) or "").strip()]
    if missing:
        raise DomainError("Complete every section of the review", field=missing[0])
    case = review.case
    now = now or timezone.now()
    since = selectors.review_since(review)
    changes = selectors.changes_since(case, since)
    previous = selectors.previous_completed(review)
    previous_text = {name: getattr(previous, name) for name in rules.SECTIONS} if previous else {}
    for name in rules.repeated_sections(
        previous_text, sections, changes_exist=changes["count"] > 0
    ):
        if name not in unchanged_reasons:
            raise DomainError(
                "This section is the same as the last review although things have changed: "
                "say why nothing changed in this area",
                field=f"{name}_reason",
            )
    for name in rules.SECTIONS:
        text = sections[name].strip()
        if name in unchanged_reasons:
            text = f"{text}\n\n{rules.UNCHANGED_PREFIX}{unchanged_reasons[name]}"
        setattr(review, name, text)
    if unchanged_reasons:
        changes["unchanged_confirmations"] = unchanged_reasons

    if reapply_grid:
        _reapply_grid(case=case, by=by, when=now)
    review.grid_reapplied = reapply_grid
    review.changes_since_last = changes
    review.status = ReviewStatus.COMPLETE
    review.completed_at = now
    review.completed_by = by
    save_new_version(review, by)

    # Every significant change not yet reviewed is covered by this review; the reviews
    # they triggered are then done too (one review answers them all).
    pending = SignificantChange.objects.filter(case=case, created_at__lte=now).exclude(
        review__status=ReviewStatus.COMPLETE
    )
    covered_reviews = set(
        pending.exclude(review=review).exclude(review=None).values_list("review_id", flat=True)
    )
    # Row by row, not update(): each significant change's history shows the review
    # that covered it.
    for change in pending:
        change.review = review
        save_as(change, by, update_fields=["review"])
    for other in Review.objects.filter(pk__in=covered_reviews, status=ReviewStatus.DUE):
        if not other.significant_changes.exists():
            other.status = ReviewStatus.CANCELLED
            other.changes_since_last = {"covered_by": review.pk}
            save_as(other, by, update_fields=["status", "changes_since_last", "updated_at"])

    # The periodic clock restarts at any completed review: open periodic reviews give way
    # to the next one.
    for other in Review.objects.filter(
        case=case, kind=ReviewKind.PERIODIC, status=ReviewStatus.DUE
    ).exclude(pk=review.pk):
        other.status = ReviewStatus.CANCELLED
        other.changes_since_last = {"covered_by": review.pk}
        save_as(other, by, update_fields=["status", "changes_since_last", "updated_at"])
    review_schedule_periodic(case=case, anchor=timezone.localtime(now).date())
    return review


def _reapply_grid(*, case: Case, by, when: dt.datetime) -> None:
    rule, _phase = grid_level_for(case)
    current = current_level(case)
    if (
        rule is not None
        and current is not None
        and current.source == "grid"
        and (current.contacts, current.period_days, current.face_to_face)
        == (rule.contacts, rule.period_days, rule.face_to_face)
    ):
        return  # Already what the Grid says: a new identical decision would only be noise.
    try:
        with transaction.atomic():
            contact_level_apply_grid(
                case=case, by=by, reason=f"Grid re-applied at the review on {when:%d %B %Y}"
            )
    except DomainError as error:
        raise DomainError(
            f"The Grid could not be re-applied: {error.message}. Untick “Re-apply the Grid” "
            "to complete the review without it.",
            field="reapply_grid",
        ) from error


# --- Management oversight ----------------------------------------------------------------


@transaction.atomic
def oversight_record(*, case: Case, by, text: str) -> OversightEntry:
    if not text.strip():
        raise DomainError("Enter the oversight note", field="text")
    entry = OversightEntry(case=case, kind=OversightKind.NOTE, text=text.strip(), author=by)
    return save_as(entry, by)


@transaction.atomic
def oversight_countersign(
    *,
    case: Case,
    by,
    text: str,
    escalation: Escalation | None = None,
    contact_level: ContactLevelDecision | None = None,
) -> OversightEntry:
    """The SPO countersigns a risk decision: an escalation or a contact-level reduction."""
    if (escalation is None) == (contact_level is None):
        raise ValueError("Countersign exactly one escalation or contact-level decision")
    if not text.strip():
        raise DomainError("Say what you checked before countersigning", field="text")
    target = escalation or contact_level
    if target.case_id != case.pk:
        raise DomainError("That decision belongs to another case")
    if contact_level is not None and not (
        contact_level.is_reduction and contact_level.status == ContactLevelStatus.ACTIVE
    ):
        raise DomainError("Only a contact-level reduction in force is countersigned")
    already = OversightEntry.objects.filter(
        kind=OversightKind.COUNTERSIGNATURE,
        escalation=escalation,
        contact_level=contact_level,
    )
    if already.exists():
        raise DomainError("This decision has already been countersigned")
    entry = OversightEntry(
        case=case,
        kind=OversightKind.COUNTERSIGNATURE,
        text=text.strip(),
        escalation=escalation,
        contact_level=contact_level,
        author=by,
    )
    return save_as(entry, by)


# --- Significant change and triggered reviews ---------------------------------------------


def _today() -> dt.date:
    return timezone.localdate()


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
    save_as(change, by, clean=True)
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
