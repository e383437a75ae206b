"""The risk wing's events on the case timeline: risk of harm escalations and contact
levels. Registered from hooks.ready(); the paging contract is in cases.timeline."""

from cases import timeline
from cases.models import ContactLevelDecision, Escalation
from cases.timeline import TimelineEvent, person


def escalations(case, *, limit, see_sensitive):
    rows = Escalation.objects.filter(case=case).select_related("raised_by")[:limit]
    for e in rows:
        yield TimelineEvent(
            "escalation",
            e.raised_at,
            f"Risk of harm escalation ({e.get_status_display().lower()})",
            e.reasons,
            person(e.raised_by),
        )


def contact_levels(case, *, limit, see_sensitive):
    rows = (
        ContactLevelDecision.objects.filter(case=case)
        .select_related("requested_by")
        .order_by("-requested_at")[:limit]
    )
    for d in rows:
        yield TimelineEvent(
            "contact_level",
            d.requested_at,
            f"Contact level: {d.describe()} ({d.get_status_display().lower()})",
            d.reason,
            person(d.requested_by),
        )


def register() -> None:
    timeline.register_source(kind="escalation", label="Escalations", reader=escalations, order=70)
    timeline.register_source(
        kind="contact_level", label="Contact level", reader=contact_levels, order=100
    )
