"""The two custody lists: a prison's resettlement caseload and a community officer's
people in custody. Scoped through crc.access (visible_cases) before anything else, and
a fixed number of queries per page however many rows it shows."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from cases.models import Case
from crc.access.policy import visible_cases
from resettlement import rules, selectors
from resettlement.models import CustodyEpisode


@dataclass(frozen=True)
class CaseloadFilters:
    prison_id: int | None = None
    release_within_days: int | None = None
    pathway: str = ""
    pathway_status: str = ""
    screening_overdue: bool = False

    @property
    def any(self) -> bool:
        return bool(
            self.prison_id
            or self.release_within_days is not None
            or self.pathway
            or self.pathway_status
            or self.screening_overdue
        )


def in_reach(user) -> QuerySet[CustodyEpisode]:
    """Open episodes of the cases this user may open."""
    return selectors.open_episodes().filter(case__in=visible_cases(user, Case.objects.all()))


def resettlement_caseload(
    *, user, filters: CaseloadFilters, today: dt.date
) -> QuerySet[CustodyEpisode]:
    episodes = in_reach(user)
    if filters.prison_id:
        episodes = episodes.filter(prison_id=filters.prison_id)
    if filters.release_within_days is not None:
        latest = today + dt.timedelta(days=filters.release_within_days)
        episodes = episodes.filter(expected_release_date__lte=latest)
    if filters.pathway or filters.pathway_status:
        pathway = {}
        if filters.pathway:
            pathway["screening__pathways__pathway"] = filters.pathway
        if filters.pathway_status:
            pathway["screening__pathways__status"] = filters.pathway_status
        # One filter call: both conditions bind the same pathway row.
        episodes = episodes.filter(**pathway).distinct()
    if filters.screening_overdue:
        episodes = episodes.filter(
            screening__completed_at__isnull=True, screening__due_on__lt=today
        )
    return selectors.with_pre_release_state(episodes).order_by("expected_release_date", "id")


def people_in_custody(*, user) -> QuerySet[CustodyEpisode]:
    """The officer's own people in custody, soonest release first."""
    return selectors.with_pre_release_state(
        in_reach(user).filter(case__responsible_officer=user)
    ).order_by("expected_release_date", "id")


def contact_alert(episode, *, today: dt.date) -> int | None:
    """ "Release in N weeks, no contact yet": the threshold crossed, or None."""
    return rules.contact_alert_threshold(
        today=today,
        release=episode.expected_release_date,
        has_pre_release_contact=episode.has_officer_contact,
    )
