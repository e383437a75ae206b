"""Seeders for the satellites' partner API budgets (tests/scale/budget_table.py): as
tests/scale/seeds.py, each `seed(world, n)` adds `n` rows the partner client sees and
returns text the response must hold."""

from tests.factories import (
    DesiredOutcomeFactory,
    InterventionServiceFactory,
    ProjectFactory,
    ProjectSessionFactory,
    ProviderAppointmentFactory,
    ReferralFactory,
    ResettlementPlanActionFactory,
)
from tests.scale.seeds import expected_at, team_case

# The satellites' partner APIs: the partner client's own organisation is the provider or
# host of the seeded rows. A detail endpoint's `<int:pk>` is the record the seeder puts
# its rows on, so the seeder sets `w.pk`.


def _partner_organisation(w, partner_type):
    return w.personas.partner(partner_type).organisation


def provider_plans(w, n):
    """Plans of open custody episodes the resettlement provider works on, with actions."""
    organisation = _partner_organisation(w, "resettlement_provider")
    crns = []
    for _ in range(n):
        episode = w.custody(team_case(w), resettlement_provider=organisation)
        ResettlementPlanActionFactory(plan=episode.plan)
        crns.append(episode.case.crn)
    return crns


def provider_plan_actions(w, n):
    """One plan's actions."""
    if not hasattr(w, "api_plan"):
        organisation = _partner_organisation(w, "resettlement_provider")
        w.api_plan = w.custody(team_case(w), resettlement_provider=organisation).plan
        w.pk = w.api_plan.pk
    for _ in range(n):
        ResettlementPlanActionFactory(plan=w.api_plan, description=f"Action {w.next()}")
    return [w.api_plan.episode.case.crn]


def host_sessions(w, n):
    """Sessions of projects the placement host hosts, each with someone expected."""
    host = _partner_organisation(w, "unpaid_work_host")
    crns = []
    for _ in range(n):
        project = ProjectFactory(area=w.case.team.office.area, host=host)
        crns += expected_at(w, ProjectSessionFactory(project=project), 1)
    return crns


def host_session_register(w, n):
    """One hosted session's register."""
    if not hasattr(w, "api_session"):
        host = _partner_organisation(w, "unpaid_work_host")
        project = ProjectFactory(area=w.case.team.office.area, host=host)
        w.api_session = ProjectSessionFactory(project=project)
        w.pk = w.api_session.pk
    return expected_at(w, w.api_session, n)


def provider_api_referrals(w, n):
    """Referrals to the intervention provider's services."""
    provider = _partner_organisation(w, "intervention_provider")
    service = InterventionServiceFactory(provider=provider)
    crns = []
    for _ in range(n):
        referral = ReferralFactory(case=team_case(w), service=service, referred_by=w.officer)
        ProviderAppointmentFactory(referral=referral, number=w.next())
        crns.append(referral.case.crn)
    return crns


def provider_api_referral_rows(w, n):
    """One referral's appointments and desired outcomes."""
    if not hasattr(w, "api_referral"):
        service = InterventionServiceFactory(
            provider=_partner_organisation(w, "intervention_provider")
        )
        w.api_referral = ReferralFactory(case=w.case, service=service, referred_by=w.officer)
        w.pk = w.api_referral.pk
    for _ in range(n):
        ProviderAppointmentFactory(referral=w.api_referral, number=w.next())
        DesiredOutcomeFactory(referral=w.api_referral)
    return [w.api_referral.case.crn]
