"""The case record's own events on the case timeline: risk of harm escalations,
allocations and contact levels. Registered from CasesConfig.ready(); the paging contract
is in cases.timeline. (It belongs in the wings of the case record once they exist.)"""

from cases import timeline
from cases.models import Allocation, ContactLevelDecision, Escalation
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


def allocations(case, *, limit, see_sensitive):
    rows = (
        Allocation.objects.filter(case=case)
        .select_related("officer", "allocated_by")
        .order_by("-started_at")[:limit]
    )
    for a in rows:
        yield TimelineEvent(
            "allocation",
            a.started_at,
            f"Allocated to {person(a.officer)}",
            a.reason,
            person(a.allocated_by),
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
    timeline.register_source(kind="allocation", label="Allocations", reader=allocations, order=90)
    timeline.register_source(
        kind="contact_level", label="Contact level", reader=contact_levels, order=100
    )
