"""Reads with a shape for reviews, oversight and the case timeline.

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
    FACE_TO_FACE_CONTACT_TYPES,
    FAILURE_OUTCOMES,
    Allocation,
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
from crc.access.policy import Relationship, relationship_to

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


# --- The Timeline tab ---------------------------------------------------------------------

TIMELINE_PAGE_SIZE = 30
# Deep pages cost page*30 rows per kind; nobody reads 20 pages of a timeline.
TIMELINE_MAX_PAGE = 20

TIMELINE_KINDS = {
    "contact": "Contacts",
    "outcome": "Absence decisions",
    "enforcement": "Enforcement",
    "information_request": "Information requests",
    "review": "Reviews",
    "oversight": "Management oversight",
    "escalation": "Escalations",
    "significant_change": "Significant changes",
    "allocation": "Allocations",
    "contact_level": "Contact level",
}


@dataclass
class TimelineItem:
    kind: str
    when: dt.datetime
    title: str
    text: str = ""
    byline: str = ""
    date_only: bool = False


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def _at_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=LONDON)


def case_timeline(case: Case, *, viewer, kinds: set[str], page: int) -> tuple[list, bool]:
    """One page of the case's events, newest first, and whether there is a next page.

    Pagination across kinds: the first page*30 events of the merged list are always
    among the first page*30 of each kind, so each kind's query takes at most page*30 + 1
    rows (the extra one tells whether a next page exists), the rows are merged and sorted
    in Python, and the page is sliced out. One query per kind, however many events the
    case has; the rows read grow with the page number, which is capped.
    """
    page = max(1, min(page, TIMELINE_MAX_PAGE))
    limit = page * TIMELINE_PAGE_SIZE + 1
    see_sensitive = relationship_to(viewer, case) in (
        Relationship.ALLOCATED_OFFICER,
        Relationship.LINE_MANAGEMENT,
    )
    items: list[TimelineItem] = []
    for kind in TIMELINE_KINDS:
        if kind in kinds:
            items.extend(_KIND_READERS[kind](case, limit, see_sensitive))
    items.sort(key=lambda item: item.when, reverse=True)
    start = (page - 1) * TIMELINE_PAGE_SIZE
    return items[start : start + TIMELINE_PAGE_SIZE], len(items) > page * TIMELINE_PAGE_SIZE


def _contacts(case, limit, see_sensitive):
    rows = (
        Contact.objects.filter(case=case)
        .select_related("recorded_by")
        .order_by("-happened_at", "-id")[:limit]
    )
    for c in rows:
        if c.sensitive and not see_sensitive:
            # Only the type: the allocated officer and their line manager read the rest.
            yield TimelineItem(
                "contact", c.happened_at, f"Sensitive contact: {c.get_contact_type_display()}"
            )
            continue
        where = "face to face" if c.contact_type in FACE_TO_FACE_CONTACT_TYPES else ""
        title = f"{c.get_contact_type_display()}: {c.get_outcome_display()}"
        yield TimelineItem(
            "contact",
            c.happened_at,
            title + (" (sensitive)" if c.sensitive else ""),
            text=c.summary or where,
            byline=_person(c.recorded_by),
        )


def _outcomes(case, limit, see_sensitive):
    rows = (
        Contact.objects.filter(case=case, acceptability_decided_at__isnull=False)
        .select_related("acceptability_decided_by")
        .order_by("-acceptability_decided_at")[:limit]
    )
    for c in rows:
        text = "" if (c.sensitive and not see_sensitive) else c.absence_reason
        yield TimelineItem(
            "outcome",
            c.acceptability_decided_at,
            f"Absence decided: {c.get_outcome_display()}",
            text=text,
            byline=_person(c.acceptability_decided_by),
        )


def _enforcement(case, limit, see_sensitive):
    rows = EnforcementAction.objects.filter(case=case).select_related("decided_by")[:limit]
    for a in rows:
        yield TimelineItem(
            "enforcement",
            a.decided_at,
            f"Enforcement: {a.get_kind_display()} ({a.get_status_display().lower()})",
            text=a.justification,
            byline=_person(a.decided_by),
        )


def _information_requests(case, limit, see_sensitive):
    raised = (
        InformationRequest.objects.filter(case=case)
        .select_related("requested_by")
        .order_by("-created_at")[:limit]
    )
    for r in raised:
        yield TimelineItem(
            "information_request",
            r.created_at,
            f"Information request sent: {r.get_agency_display()}",
            text=r.question,
            byline=_person(r.requested_by),
        )
    answered = (
        InformationRequest.objects.filter(case=case, answered_at__isnull=False)
        .select_related("answered_by_staff")
        .order_by("-answered_at")[:limit]
    )
    for r in answered:
        yield TimelineItem(
            "information_request",
            r.answered_at,
            f"Information request answered: {r.get_agency_display()}",
            text=r.answer,
            byline=_person(r.answered_by_staff) or r.answered_by_partner,
        )


def _reviews(case, limit, see_sensitive):
    due = Review.objects.filter(case=case, status=ReviewStatus.DUE).order_by("-due_on")[:limit]
    for r in due:
        yield TimelineItem(
            "review", _at_midnight(r.due_on), f"Review due: {r.get_kind_display()}", date_only=True
        )
    done = (
        Review.objects.filter(case=case, status=ReviewStatus.COMPLETE)
        .select_related("completed_by")
        .order_by("-completed_at")[:limit]
    )
    for r in done:
        yield TimelineItem(
            "review",
            r.completed_at,
            f"Review completed: {r.get_kind_display()}",
            text=r.compliance_and_engagement,
            byline=_person(r.completed_by),
        )


def _oversight(case, limit, see_sensitive):
    rows = OversightEntry.objects.filter(case=case).select_related("author")[:limit]
    for o in rows:
        yield TimelineItem(
            "oversight", o.created_at, o.get_kind_display(), o.text, _person(o.author)
        )


def _escalations(case, limit, see_sensitive):
    rows = Escalation.objects.filter(case=case).select_related("raised_by")[:limit]
    for e in rows:
        yield TimelineItem(
            "escalation",
            e.raised_at,
            f"Risk of harm escalation ({e.get_status_display().lower()})",
            e.reasons,
            _person(e.raised_by),
        )


def _significant_changes(case, limit, see_sensitive):
    rows = (
        SignificantChange.objects.filter(case=case)
        .select_related("recorded_by", "partner_organisation")
        .order_by("-created_at")[:limit]
    )
    for c in rows:
        who = _person(c.recorded_by) or f"{c.partner_organisation} ({c.reported_by or 'partner'})"
        yield TimelineItem(
            "significant_change",
            c.created_at,
            f"Significant change: {c.get_category_display()}",
            f"{c.description} (happened {c.occurred_on:%d %B %Y})",
            who,
        )


def _allocations(case, limit, see_sensitive):
    rows = (
        Allocation.objects.filter(case=case)
        .select_related("officer", "allocated_by")
        .order_by("-started_at")[:limit]
    )
    for a in rows:
        yield TimelineItem(
            "allocation",
            a.started_at,
            f"Allocated to {_person(a.officer)}",
            a.reason,
            _person(a.allocated_by),
        )


def _contact_levels(case, limit, see_sensitive):
    rows = (
        ContactLevelDecision.objects.filter(case=case)
        .select_related("requested_by")
        .order_by("-requested_at")[:limit]
    )
    for d in rows:
        yield TimelineItem(
            "contact_level",
            d.requested_at,
            f"Contact level: {d.describe()} ({d.get_status_display().lower()})",
            d.reason,
            _person(d.requested_by),
        )


_KIND_READERS = {
    "contact": _contacts,
    "outcome": _outcomes,
    "enforcement": _enforcement,
    "information_request": _information_requests,
    "review": _reviews,
    "oversight": _oversight,
    "escalation": _escalations,
    "significant_change": _significant_changes,
    "allocation": _allocations,
    "contact_level": _contact_levels,
}
