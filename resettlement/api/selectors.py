"""Reads for the resettlement partner API. Every queryset starts from what crc.access
lets the calling organisation reach (crc/access/custody.py)."""

from django.db.models import Prefetch, QuerySet

from cases.models import Case
from crc.access import custody
from resettlement.models import CustodyEpisode, PlanAction, Prison, ResettlementPlan


def plans_for_provider(*, partner_organisation) -> QuerySet[ResettlementPlan]:
    """The plans of the provider's own open custody episodes, with their actions: a
    fixed number of queries however many plans a page holds."""
    episodes = custody.provider_episodes(partner_organisation, CustodyEpisode.objects.all())
    return (
        ResettlementPlan.objects.filter(episode__in=episodes)
        .select_related("episode__case", "episode__prison")
        .prefetch_related(Prefetch("actions", queryset=PlanAction.objects.order_by("id")))
    )


# The largest id a row can have (BigAutoField); a larger one in a URL is simply not found.
MAX_ID = 2**63 - 1


def plan_action_for_provider(*, partner_organisation, pk: int) -> PlanAction | None:
    if not 0 < pk <= MAX_ID:
        return None
    episodes = custody.provider_episodes(partner_organisation, CustodyEpisode.objects.all())
    return (
        PlanAction.objects.filter(pk=pk, plan__episode__in=episodes)
        .select_related("plan__episode__case")
        .first()
    )


def prison_for_partner(*, partner_organisation) -> Prison | None:
    return Prison.objects.filter(partner=partner_organisation, active=True).first()


def case_for_reception(*, partner_organisation, crn: str) -> Case | None:
    return (
        custody.prison_may_receive(partner_organisation, Case.objects.filter(crn=crn))
        .select_related("responsible_officer")
        .first()
    )


def episode_for_prison(*, partner_organisation, crn: str) -> CustodyEpisode | None:
    """The person's open episode at this prison, or None (unknown CRN, another prison's
    person and a released person are the same answer)."""
    episodes = custody.prison_episodes(partner_organisation, CustodyEpisode.objects.all())
    return episodes.filter(case__crn=crn).select_related("case", "prison").first()
