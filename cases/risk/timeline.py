"""The risk wing's events on the case timeline: risk of harm escalations and contact
levels. Registered from hooks.ready(); the paging contract is in cases.timeline."""

from cases import timeline
from cases.models import ContactLevelDecision, Escalation


def escalations(case, *, limit, see_sensitive):
    return timeline.newest_events(
        "escalation",
        Escalation.objects.filter(case=case),
        limit=limit,
        when="raised_at",
        by="raised_by",
        title=lambda e: f"Risk of harm escalation ({e.get_status_display().lower()})",
        text=lambda e: e.reasons,
    )


def contact_levels(case, *, limit, see_sensitive):
    return timeline.newest_events(
        "contact_level",
        ContactLevelDecision.objects.filter(case=case),
        limit=limit,
        when="requested_at",
        by="requested_by",
        title=lambda d: f"Contact level: {d.describe()} ({d.get_status_display().lower()})",
        text=lambda d: d.reason,
    )


def register() -> None:
    timeline.register_source(kind="escalation", label="Escalations", reader=escalations, order=70)
    timeline.register_source(
        kind="contact_level", label="Contact level", reader=contact_levels, order=100
    )
