"""The allocation wing's events on the case timeline: who held the case and why.
Registered from hooks.ready(); the paging contract is in cases.timeline."""

from cases import timeline
from cases.models import Allocation
from cases.timeline import TimelineEvent, person


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


def register() -> None:
    timeline.register_source(kind="allocation", label="Allocations", reader=allocations, order=90)
