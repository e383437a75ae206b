"""Through the Gate: prisons, custody episodes and what hangs off them.

The episode factory builds a bare episode (no screening, plan or checklist); tests that
need the full set open one through resettlement.services.episode_open, or use the
factories below for each part."""

import datetime as dt

import factory
from django.utils import timezone

from crc.organisation.models import PartnerType
from resettlement.models import (
    CustodyEpisode,
    PathwayScreening,
    PlanAction,
    PreReleaseContact,
    PreReleaseReview,
    Prison,
    ReleaseChecklist,
    ReleaseDateChange,
    ResettlementPlan,
    Screening,
)
from resettlement.rules import screening_due
from tests.factories.organisation import PartnerOrganisationFactory, StaffFactory
from tests.factories.record import CaseRecordFactory, today
from tests.factories.supervision import ContactFactory


class PrisonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Prison

    name = factory.Sequence(lambda n: f"HMP Test {n}")
    code = factory.Sequence(lambda n: f"T{n % 100:02d}")
    kind = "men"
    partner = factory.SubFactory(PartnerOrganisationFactory, partner_type=PartnerType.PRISON)


class CustodyEpisodeFactory(CaseRecordFactory):
    """In custody since four weeks ago, release expected in twenty weeks, on licence."""

    class Meta:
        model = CustodyEpisode

    prison = factory.SubFactory(PrisonFactory)
    reception_date = factory.LazyFunction(lambda: today() - dt.timedelta(weeks=4))
    expected_release_date = factory.LazyFunction(lambda: today() + dt.timedelta(weeks=20))
    release_kind = "licence"
    resettlement_provider = factory.SubFactory(
        PartnerOrganisationFactory, partner_type=PartnerType.RESETTLEMENT_PROVIDER
    )
    resettlement_worker = factory.SubFactory(StaffFactory, resettlement_worker=True)
    opened_by = factory.SelfAttribute("resettlement_worker")


class EpisodePartFactory(factory.django.DjangoModelFactory):
    """A part of a custody episode: on a new bare episode unless given one."""

    class Meta:
        abstract = True

    episode = factory.SubFactory(CustodyEpisodeFactory)


class ReleaseDateChangeFactory(EpisodePartFactory):
    class Meta:
        model = ReleaseDateChange

    old_date = factory.LazyAttribute(lambda o: o.episode.expected_release_date)
    new_date = factory.LazyAttribute(
        lambda o: o.episode.expected_release_date + dt.timedelta(days=14)
    )
    source = "prison_api"
    reason = "Additional days awarded at adjudication"
    key = factory.Sequence(lambda n: f"factory-change-{n}")


class ScreeningFactory(EpisodePartFactory):
    class Meta:
        model = Screening

    due_on = factory.LazyAttribute(lambda o: screening_due(o.episode.reception_date))


class PathwayScreeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PathwayScreening

    screening = factory.SubFactory(ScreeningFactory)
    pathway = "accommodation"
    status = "support_required"
    own_view = "Wants a place near family in Lewisham."


class ResettlementPlanFactory(EpisodePartFactory):
    class Meta:
        model = ResettlementPlan

    risk_to_whom = "Former partner"
    risk_plan = "Exclusion zone requested as a licence condition; MARAC referral made."


class ResettlementPlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    plan = factory.SubFactory(ResettlementPlanFactory)
    pathway = "accommodation"
    description = "Referral to the housing provider"
    owner = "provider"
    due_on = factory.LazyFunction(lambda: today() + dt.timedelta(weeks=6))


class PreReleaseReviewFactory(EpisodePartFactory):
    class Meta:
        model = PreReleaseReview

    due_on = factory.LazyAttribute(
        lambda o: o.episode.expected_release_date - dt.timedelta(weeks=12)
    )
    held_on = factory.LazyFunction(today)
    held_by = factory.LazyAttribute(lambda o: o.episode.resettlement_worker or StaffFactory())
    notes = "Plan on track; housing referral accepted."


class PreReleaseContactFactory(EpisodePartFactory):
    class Meta:
        model = PreReleaseContact

    contact = factory.SubFactory(
        ContactFactory,
        case=factory.SelfAttribute("..episode.case"),
        contact_type="telephone",
        outcome="not_applicable",
        happened_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1)),
    )
    method = "phone"


class ReleaseChecklistFactory(EpisodePartFactory):
    class Meta:
        model = ReleaseChecklist
