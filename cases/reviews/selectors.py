"""Reads with a shape for reviews and oversight (the wing's timeline events are in
cases.reviews.timeline).

Each function runs a fixed number of queries whatever the number of rows (one per kind
of thing it reads) and returns plain data the templates and the review snapshot use.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from cases.models import (
    FAILURE_OUTCOMES,
    AttendanceOutcome,
    Case,
    Contact,
    ContactLevelDecision,
    EnforcementAction,
    Escalation,
    InformationRequest,
    OversightEntry,
    OversightKind,
    Registration,
    Review,
    ReviewStatus,
    SignificantChange,
)
from cases.reviews import rules

LONDON = ZoneInfo("Europe/London")

# Fields of the case whose change a review must look at, with how to show them.
RISK_FIELDS = {
    "rosh_overall": "RoSH",
    "ogrs_score": "OGRS",
    "rsr_score": "RSR",
    "mappa_category": "MAPPA category",
    "mappa_level": "MAPPA level",
}


def _iso(value) -> str:
    """A date as people read it ("3 March 2026"): the snapshot is kept to be shown."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return f"{value.day} {value:%B %Y}" if value else ""


def review_since(review: Review) -> dt.datetime:
    """When the period a review looks back over starts: the last completed review, or
    the start of the current order, or when the case was created."""
    previous = previous_completed(review)
    if previous is not None:
        return previous.completed_at
    order = review.case.orders.order_by("-start_date").only("start_date").first()
    if order is not None:
        return dt.datetime.combine(order.start_date, dt.time.min, tzinfo=LONDON)
    return review.case.created_at


def previous_completed(review: Review) -> Review | None:
    return (
        Review.objects.filter(case_id=review.case_id, status=ReviewStatus.COMPLETE)
        .exclude(pk=review.pk)
        .order_by("-completed_at", "-id")
        .first()
    )


def changes_since(case: Case, since: dt.datetime) -> dict:
    """What happened on the case since `since`, as JSON-ready data (stored on the review
    as changes_since_last). Nine queries however much happened."""
    outcomes = Counter(
        Contact.objects.filter(case=case, happened_at__gte=since).values_list("outcome", flat=True)
    )
    labels = dict(AttendanceOutcome.choices)
    contacts = {
        "total": sum(outcomes.values()),
        "failures": sum(n for outcome, n in outcomes.items() if outcome in FAILURE_OUTCOMES),
        "by_outcome": {labels.get(k, k): n for k, n in sorted(outcomes.items())},
    }

    added, ended = [], []
    since_day = timezone.localtime(since).date()
    for reg in Registration.objects.filter(case=case).filter(
        Q(registered_on__gte=since_day) | Q(ended_on__gte=since_day)
    ):
        if reg.registered_on >= since_day:
            added.append(
                {"type": reg.get_registration_type_display(), "on": _iso(reg.registered_on)}
            )
        if reg.ended_on and reg.ended_on >= since_day:
            ended.append({"type": reg.get_registration_type_display(), "on": _iso(reg.ended_on)})

    risk_changes, tier_changes = _risk_and_tier_changes(case, since)

    answered = [
        {"agency": r.get_agency_display(), "on": _iso(r.answered_at)}
        for r in InformationRequest.objects.filter(case=case, answered_at__gte=since)
    ]
    significant = [
        {
            "category": c.get_category_display(),
            "description": c.description,
            "on": _iso(c.occurred_on),
            "source": c.get_source_display(),
            "partner": str(c.partner_organisation) if c.partner_organisation_id else "",
        }
        for c in SignificantChange.objects.filter(case=case, created_at__gte=since).select_related(
            "partner_organisation"
        )
    ]
    enforcement = [
        {"kind": a.get_kind_display(), "status": a.get_status_display(), "on": _iso(a.decided_at)}
        for a in EnforcementAction.objects.filter(case=case, decided_at__gte=since)
    ]
    escalations = [
        {"status": e.get_status_display(), "reasons": e.reasons, "on": _iso(e.raised_at)}
        for e in Escalation.objects.filter(case=case).filter(
            Q(raised_at__gte=since) | Q(decided_at__gte=since) | Q(closed_at__gte=since)
        )
    ]
    levels = [
        {"level": d.describe(), "status": d.get_status_display(), "on": _iso(d.requested_at)}
        for d in ContactLevelDecision.objects.filter(case=case, requested_at__gte=since)
    ]
    changes = {
        "since": since.isoformat(),
        "contacts": contacts,
        "registrations_added": added,
        "registrations_ended": ended,
        "risk_changes": risk_changes,
        "tier_changes": tier_changes,
        "information_requests_answered": answered,
        "significant_changes": significant,
        "enforcement": enforcement,
        "escalations": escalations,
        "contact_level_changes": levels,
    }
    changes["count"] = rules.count_events(changes)
    return changes


def _risk_and_tier_changes(case: Case, since: dt.datetime) -> tuple[list, list]:
    # One query over the case's own history: the last version before `since` is the
    # baseline each later version is compared with.
    rows = list(
        Case.history.filter(id=case.pk)
        .order_by("history_date", "history_id")
        .only("history_date", "tier", *RISK_FIELDS)
    )
    risk, tier = [], []
    previous = None
    tier_before = tier_after = None
    for row in rows:
        if previous is not None and row.history_date >= since:
            for name, label in RISK_FIELDS.items():
                old, new = getattr(previous, name), getattr(row, name)
                if old != new:
                    risk.append(
                        {
                            "what": label,
                            "from": _show(old),
                            "to": _show(new),
                            "on": _iso(row.history_date),
                        }
                    )
            if previous.tier != row.tier:
                if tier_before is None:
                    tier_before = previous.tier
                tier_after, tier_on = row.tier, row.history_date
        previous = row
    # The net change only: a tier recalculated there and back in the period is no change.
    if tier_before is not None and tier_before != tier_after:
        tier.append(
            {"from": tier_before or "none", "to": tier_after or "none", "on": _iso(tier_on)}
        )
    return risk, tier


def _show(value) -> str:
    if value in (None, ""):
        return "not recorded"
    return str(value).replace("_", " ")


# --- The Reviews tab --------------------------------------------------------------------


@dataclass
class ReviewsTab:
    due: list
    completed: list
    oversight: list
    to_countersign_escalations: list
    to_countersign_levels: list


def reviews_tab(case: Case, today: dt.date) -> ReviewsTab:
    reviews = list(
        Review.objects.filter(case=case)
        .exclude(status=ReviewStatus.CANCELLED)
        .select_related("completed_by")
        .order_by("-due_on", "-id")
    )
    due = sorted((r for r in reviews if r.status == ReviewStatus.DUE), key=lambda r: r.due_on)
    for review in due:
        review.state = rules.review_state(review.due_on, today)
    completed = sorted(
        (r for r in reviews if r.status == ReviewStatus.COMPLETE),
        key=lambda r: r.completed_at,
        reverse=True,
    )
    oversight = list(
        OversightEntry.objects.filter(case=case).select_related(
            "author", "escalation", "contact_level"
        )
    )
    countersigned = OversightEntry.objects.filter(kind=OversightKind.COUNTERSIGNATURE)
    escalations = list(
        Escalation.objects.filter(case=case).exclude(
            Exists(countersigned.filter(escalation=OuterRef("pk")))
        )
    )
    levels = list(
        ContactLevelDecision.objects.filter(case=case, is_reduction=True, status="active").exclude(
            Exists(countersigned.filter(contact_level=OuterRef("pk")))
        )
    )
    return ReviewsTab(due, completed, oversight, escalations, levels)
