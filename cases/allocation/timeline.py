"""The allocation wing's events on the case timeline: who held the case and why.
Registered from hooks.ready(); the paging contract is in cases.timeline."""

from cases import timeline
from cases.models import Allocation
from cases.timeline import person


def allocations(case, *, limit, see_sensitive):
    return timeline.newest_events(
        "allocation",
        Allocation.objects.filter(case=case).select_related("officer"),
        limit=limit,
        when="started_at",
        by="allocated_by",
        title=lambda a: f"Allocated to {person(a.officer)}",
        text=lambda a: a.reason,
    )


def register() -> None:
    timeline.register_source(kind="allocation", label="Allocations", reader=allocations, order=90)
