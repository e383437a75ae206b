"""factory-boy factories shared by every test package."""

import datetime as dt

import factory

from cases.models import Case, Order, Requirement
from crc.organisation.models import (
    Area,
    Office,
    PartnerOrganisation,
    PartnerType,
    Role,
    Staff,
    Team,
)


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Area {n}")
    code = factory.Sequence(lambda n: f"area-{n}")


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Office {n}")
    code = factory.Sequence(lambda n: f"office-{n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    office = factory.SubFactory(OfficeFactory)
    name = factory.Sequence(lambda n: f"Team {n}")
    code = factory.Sequence(lambda n: f"team-{n}")


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Staff
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda o: f"{o.username}@crc.example")
    role = Role.PROBATION_OFFICER
    team = factory.SubFactory(TeamFactory)
    password = factory.django.Password("correct-horse-battery")


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"Partner {n}")
    partner_type = PartnerType.POLICE


# --- Case record -------------------------------------------------------------------


class CaseFactory(factory.django.DjangoModelFactory):
    """A case as the database holds it. Tests that need derived state (tier, Grid level)
    go through the case services instead."""

    class Meta:
        model = Case

    crn = factory.Sequence(lambda n: f"X{100000 + n:06d}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    date_of_birth = dt.date(1990, 5, 17)
    sex = "male"
    team = factory.SubFactory(TeamFactory)
    responsible_officer = None
    tier = "C2"


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

    case = factory.SubFactory(CaseFactory)
    order_type = "co"
    court = "Highbury Corner Magistrates' Court"
    sentence_date = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=60))
    start_date = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=60))
    expected_end_date = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=300))
    index_offence = "Theft from a shop"


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requirement

    order = factory.SubFactory(OrderFactory)
    requirement_type = "rar"
    length = 20
