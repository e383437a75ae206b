"""The reviews wing's events on the case timeline: reviews due and completed,
management oversight and significant changes. Registered from hooks.ready(); the paging
contract is in cases.timeline."""

from cases import timeline
from cases.models import OversightEntry, Review, ReviewStatus, SignificantChange
from cases.timeline import TimelineEvent, at_midnight, person


def reviews(case, *, limit, see_sensitive):
    due = Review.objects.filter(case=case, status=ReviewStatus.DUE).order_by("-due_on")[:limit]
    for r in due:
        yield TimelineEvent(
            "review", at_midnight(r.due_on), f"Review due: {r.get_kind_display()}", date_only=True
        )
    yield from timeline.newest_events(
        "review",
        Review.objects.filter(case=case, status=ReviewStatus.COMPLETE),
        limit=limit,
        when="completed_at",
        by="completed_by",
        title=lambda r: f"Review completed: {r.get_kind_display()}",
        text=lambda r: r.compliance_and_engagement,
    )


def oversight(case, *, limit, see_sensitive):
    return timeline.newest_events(
        "oversight",
        OversightEntry.objects.filter(case=case),
        limit=limit,
        when="created_at",
        by="author",
        title=lambda o: o.get_kind_display(),
        text=lambda o: o.text,
    )


def significant_changes(case, *, limit, see_sensitive):
    rows = (
        SignificantChange.objects.filter(case=case)
        .select_related("recorded_by", "partner_organisation")
        .order_by("-created_at")[:limit]
    )
    for c in rows:
        who = person(c.recorded_by) or f"{c.partner_organisation} ({c.reported_by or 'partner'})"
        yield TimelineEvent(
            "significant_change",
            c.created_at,
            f"Significant change: {c.get_category_display()}",
            f"{c.description} (happened {c.occurred_on:%d %B %Y})",
            who,
        )


def register() -> None:
    timeline.register_source(kind="review", label="Reviews", reader=reviews, order=50)
    timeline.register_source(
        kind="oversight", label="Management oversight", reader=oversight, order=60
    )
    # Order 80: after escalations (70, the case record's), as the filter has always shown.
    timeline.register_source(
        kind="significant_change",
        label="Significant changes",
        reader=significant_changes,
        order=80,
    )
