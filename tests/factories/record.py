"""The case record: the person, orders, requirements, allocation, access lists, risk
(registrations, needs, contact levels, escalation) and service-centre tasks, plus the
policy tables (Grid, registration review periods, deadlines) that data migrations seed.

Who-did-it fields default to the case's responsible officer (a new officer in the case's
team when it has none); the SPO-only ones (allocated by, access list added by) to a new
SPO who does not line-manage the team, so a default never adds a manager to a team a test
set up. Pass the test's own people where the person matters."""

import datetime as dt

import factory
from django.utils import timezone

from cases.models import (
    AccessListKind,
    Allocation,
    Case,
    CaseAccessEntry,
    ContactLevelDecision,
    CriminogenicNeed,
    DeadlinePolicy,
    Escalation,
    GridRule,
    InterventionSuggestion,
    LicenceCondition,
    Order,
    Registration,
    RegistrationPolicy,
    Requirement,
    ServiceCentreTask,
)
from crc.organisation.models import Role
from tests.factories.organisation import StaffFactory, TeamFactory


def today() -> dt.date:
    return timezone.localdate()


def case_officer():
    """Who did it: the case's responsible officer, or a new officer in the case's team
    when the case has none."""
    return factory.LazyAttribute(
        lambda o: o.case.responsible_officer or StaffFactory(team=o.case.team)
    )


def _restricted_to(entry):
    return entry.case.responsible_officer or StaffFactory(team=entry.case.team)


class CaseFactory(factory.django.DjangoModelFactory):
    """A case as the database holds it. Tests that need derived state (tier, Grid level)
    go through the services instead.

    Traits: `women` (a woman on probation), `high_rosh` (high risk of serious harm to
    the public), `restricted` (a restriction list naming only the responsible officer,
    or a new officer when the case has none)."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    crn = factory.Sequence(lambda n: f"X{100000 + n:06d}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    date_of_birth = dt.date(1990, 5, 17)
    sex = "male"
    team = factory.SubFactory(TeamFactory)
    responsible_officer = None
    tier = "C2"

    class Params:
        women = factory.Trait(sex="female", first_name=factory.Faker("first_name_female"))
        high_rosh = factory.Trait(
            rosh_overall="high",
            rosh_public="high",
            rosh_known_adult="medium",
            rosh_children="low",
            rosh_staff="low",
            rosh_assessed_on=factory.LazyFunction(today),
            tier="B2",
        )
        restricted = factory.Trait(
            restriction=factory.RelatedFactory(
                "tests.factories.record.CaseAccessEntryFactory",
                factory_related_name="case",
                kind=AccessListKind.RESTRICTION,
                staff=factory.LazyAttribute(_restricted_to),
                added_by=factory.SelfAttribute("staff"),
            )
        )


class CaseRecordFactory(factory.django.DjangoModelFactory):
    """A record on a case: on a new case unless given one (which `case_officer()` reads)."""

    class Meta:
        abstract = True

    case = factory.SubFactory(CaseFactory)


class OrderFactory(CaseRecordFactory):
    class Meta:
        model = Order

    order_type = "co"
    court = "Highbury Corner Magistrates' Court"
    sentence_date = factory.LazyFunction(lambda: today() - dt.timedelta(days=60))
    start_date = factory.LazyFunction(lambda: today() - dt.timedelta(days=60))
    expected_end_date = factory.LazyFunction(lambda: today() + dt.timedelta(days=300))
    index_offence = "Theft from a shop"

    class Params:
        licence = factory.Trait(
            order_type="licence",
            court="",
            release_date=factory.LazyFunction(lambda: today() - dt.timedelta(days=30)),
        )


class RequirementFactory(factory.django.DjangoModelFactory):
    """A rehabilitation activity requirement of 20 days; `unpaid_work=True` for 120
    hours of unpaid work."""

    class Meta:
        model = Requirement

    order = factory.SubFactory(OrderFactory)
    requirement_type = "rar"
    length = 20

    class Params:
        unpaid_work = factory.Trait(requirement_type="unpaid_work", length=120)


class LicenceConditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LicenceCondition

    order = factory.SubFactory(OrderFactory, licence=True)
    condition = "Not to contact the victim directly or indirectly"


class AllocationFactory(CaseRecordFactory):
    """The current allocation of a case to its officer (ended_at empty)."""

    class Meta:
        model = Allocation

    officer = case_officer()
    team = factory.SelfAttribute("case.team")
    reason = "New case from court"
    allocated_by = factory.SubFactory(
        StaffFactory, role=Role.SENIOR_PROBATION_OFFICER, team=factory.SelfAttribute("..case.team")
    )
    started_at = factory.LazyFunction(timezone.now)


class RegistrationPolicyFactory(factory.django.DjangoModelFactory):
    """Review periods are seeded by a migration; this returns the seeded row."""

    class Meta:
        model = RegistrationPolicy
        django_get_or_create = ("registration_type",)

    registration_type = "domestic_abuse"
    review_months = 3


class RegistrationFactory(CaseRecordFactory):
    class Meta:
        model = Registration

    registration_type = "domestic_abuse"
    registered_on = factory.LazyFunction(today)
    next_review_date = factory.LazyAttribute(lambda o: o.registered_on + dt.timedelta(days=91))
    registered_by = case_officer()


class CriminogenicNeedFactory(CaseRecordFactory):
    class Meta:
        model = CriminogenicNeed

    need = "accommodation"
    severity = "standard"


class GridRuleFactory(factory.django.DjangoModelFactory):
    """The Grid is seeded by a migration; this returns the seeded cell."""

    class Meta:
        model = GridRule
        django_get_or_create = ("tier", "phase")

    tier = "C2"
    phase = "main"
    contacts = 1
    period_days = 14
    face_to_face = 1


class InterventionSuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterventionSuggestion
        django_get_or_create = ("trigger", "value", "intervention")

    trigger = "need"
    value = "accommodation"
    intervention = factory.Sequence(lambda n: f"Housing advice service {n}")


class ContactLevelDecisionFactory(CaseRecordFactory):
    """The contact level in force, from the Grid."""

    class Meta:
        model = ContactLevelDecision

    contacts = 1
    period_days = 14
    face_to_face = 1
    source = "grid"
    tier = factory.SelfAttribute("case.tier")
    phase = "main"
    reason = "Set from the Grid"
    status = "active"
    requested_by = case_officer()
    requested_at = factory.LazyFunction(timezone.now)

    class Params:
        awaiting_approval = factory.Trait(
            source="officer",
            status="awaiting_approval",
            is_reduction=True,
            contacts=1,
            period_days=28,
            reason="Engaging well; fortnightly is more than needed",
        )


class EscalationFactory(CaseRecordFactory):
    class Meta:
        model = Escalation

    reasons = "Risk of serious harm has risen to high"
    raised_at = factory.LazyFunction(timezone.now)
    raised_by = case_officer()


class CaseAccessEntryFactory(CaseRecordFactory):
    """An exclusion by default; `kind="restriction"` for a restriction-list entry."""

    class Meta:
        model = CaseAccessEntry

    staff = factory.SubFactory(StaffFactory)
    kind = AccessListKind.EXCLUSION
    reason = "Personal connection to the person on probation"
    added_by = factory.SubFactory(
        StaffFactory, role=Role.SENIOR_PROBATION_OFFICER, team=factory.SelfAttribute("..case.team")
    )


class ServiceCentreTaskFactory(CaseRecordFactory):
    class Meta:
        model = ServiceCentreTask

    kind = "warning_letter"
    description = "Send the warning letter for the missed appointment"
    due_date = factory.LazyFunction(lambda: today() + dt.timedelta(days=2))
    source_key = factory.Sequence(lambda n: f"test:{n}")


class DeadlinePolicyFactory(factory.django.DjangoModelFactory):
    """Deadlines are seeded by a migration; this returns the seeded row by key."""

    class Meta:
        model = DeadlinePolicy
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"test-deadline-{n}")
    description = "A deadline for tests"
    working_days = 5
