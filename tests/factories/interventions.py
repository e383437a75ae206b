"""Interventions: the directory, referrals and what hangs on them, RAR credits."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from crc.organisation.models import PartnerType, Role
from interventions.models import (
    ActionPlan,
    DesiredOutcome,
    EndOfServiceReport,
    InterventionService,
    OutcomeAchievement,
    ProviderAppointment,
    RarCredit,
    Referral,
)
from tests.factories.organisation import PartnerOrganisationFactory, StaffFactory
from tests.factories.record import CaseFactory, RequirementFactory, case_officer, today


class InterventionServiceFactory(factory.django.DjangoModelFactory):
    """A service open to anyone (no eligibility limits) at a new provider."""

    class Meta:
        model = InterventionService

    name = factory.Sequence(lambda n: f"Intervention {n}")
    provider = factory.SubFactory(
        PartnerOrganisationFactory, partner_type=PartnerType.INTERVENTION_PROVIDER
    )
    kind = "structured_supervision"
    sessions = 6
    price = Decimal("400.00")


def provider_caseworker(provider=None, **kwargs):
    """A caseworker of `provider` (a new provider when none is given)."""
    provider = provider or PartnerOrganisationFactory(
        partner_type=PartnerType.INTERVENTION_PROVIDER
    )
    return StaffFactory(
        role=Role.PROVIDER_CASEWORKER, team=None, partner_organisation=provider, **kwargs
    )


class ReferralFactory(factory.django.DjangoModelFactory):
    """A referral as sent, by the case's officer (a case with an officer is made)."""

    class Meta:
        model = Referral

    case = factory.SubFactory(CaseFactory, responsible_officer=factory.SubFactory(StaffFactory))
    service = factory.SubFactory(InterventionServiceFactory)
    reason = "Thinking and behaviour linked to the offence."
    risk_information = "RoSH Overall: low"
    referred_by = case_officer()
    sent_at = factory.LazyFunction(timezone.now)


class ReferralPartFactory(factory.django.DjangoModelFactory):
    """A part of a referral: on a new one unless given one (`referral__status` sets its stage)."""

    class Meta:
        abstract = True

    referral = factory.SubFactory(ReferralFactory)


class DesiredOutcomeFactory(ReferralPartFactory):
    class Meta:
        model = DesiredOutcome

    description = "Uses the skills learnt to manage conflict."


class ActionPlanFactory(ReferralPartFactory):
    """A submitted, not yet approved, plan."""

    class Meta:
        model = ActionPlan

    referral__status = "plan_submitted"
    activities = factory.LazyFunction(lambda: ["Core modules", "Review"])
    number_of_sessions = 6
    submitted_at = factory.LazyFunction(timezone.now)
    submitted_by = factory.LazyAttribute(lambda o: provider_caseworker(o.referral.service.provider))


class ProviderAppointmentFactory(ReferralPartFactory):
    """An attended session a week ago."""

    class Meta:
        model = ProviderAppointment

    referral__status = "plan_approved"
    kind = "session"
    number = 1
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=7))
    attendance = "yes"
    summary = "Worked on the session's exercises."
    recorded_at = factory.LazyFunction(timezone.now)


class EndOfServiceReportFactory(ReferralPartFactory):
    class Meta:
        model = EndOfServiceReport

    referral__status = "completed"
    further_information = "Completed every session."
    submitted_at = factory.LazyFunction(timezone.now)
    submitted_by = factory.LazyAttribute(lambda o: provider_caseworker(o.referral.service.provider))


class OutcomeAchievementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeAchievement

    report = factory.SubFactory(EndOfServiceReportFactory)
    outcome = factory.LazyAttribute(lambda o: DesiredOutcomeFactory(referral=o.report.referral))
    achievement = "achieved"


class RarCreditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RarCredit

    requirement = factory.SubFactory(RequirementFactory)
    day = factory.LazyFunction(lambda: today() - dt.timedelta(days=1))
    activity = "Structured supervision session"
    credited_by = factory.LazyAttribute(
        lambda o: o.requirement.order.case.responsible_officer or StaffFactory()
    )
