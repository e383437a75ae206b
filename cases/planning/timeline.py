"""The planning wing's events on the case timeline: information requests sent and
answered. Registered from hooks.ready(); the paging contract is in cases.timeline."""

from cases import timeline
from cases.models import InformationRequest
from cases.timeline import TimelineEvent, person


def information_requests(case, *, limit, see_sensitive):
    # Two lists, `limit` of each: a request's sending and its answer are two events.
    yield from timeline.newest_events(
        "information_request",
        InformationRequest.objects.filter(case=case),
        limit=limit,
        when="created_at",
        by="requested_by",
        title=lambda r: f"Information request sent: {r.get_agency_display()}",
        text=lambda r: r.question,
    )
    answered = (
        InformationRequest.objects.filter(case=case, answered_at__isnull=False)
        .select_related("answered_by_staff")
        .order_by("-answered_at")[:limit]
    )
    for r in answered:
        yield TimelineEvent(
            "information_request",
            r.answered_at,
            f"Information request answered: {r.get_agency_display()}",
            text=r.answer,
            byline=person(r.answered_by_staff) or r.answered_by_partner,
        )


def register() -> None:
    timeline.register_source(
        kind="information_request",
        label="Information requests",
        reader=information_requests,
        order=40,
    )
