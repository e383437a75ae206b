"""Areas, offices, teams, staff (a trait per role) and partner organisations."""

import factory

from crc.organisation.models import (
    Area,
    Office,
    PartnerOrganisation,
    PartnerType,
    Role,
    SecurityEvent,
    Staff,
    Team,
)

PASSWORD = "correct-horse-battery"


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
    """A probation officer in a new team unless a trait says otherwise:
    `StaffFactory(spo=True)` also line-manages its team; roles that hold no team
    (area manager, quality manager, service centre, administrator) have none."""

    class Meta:
        model = Staff
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda o: f"{o.username}@crc.example")
    role = Role.PROBATION_OFFICER
    team = factory.SubFactory(TeamFactory)
    password = factory.django.Password(PASSWORD)

    class Params:
        pso = factory.Trait(role=Role.PROBATION_SERVICES_OFFICER)
        spo = factory.Trait(
            role=Role.SENIOR_PROBATION_OFFICER,
            manages_own_team=factory.PostGeneration(
                lambda obj, create, extracted, **kw: (
                    obj.managed_teams.add(obj.team) if create and obj.team_id else None
                )
            ),
        )
        area_manager = factory.Trait(
            role=Role.AREA_MANAGER, team=None, managed_area=factory.SubFactory(AreaFactory)
        )
        qpm = factory.Trait(role=Role.QUALITY_PERFORMANCE_MANAGER, team=None)
        service_centre = factory.Trait(role=Role.SERVICE_CENTRE, team=None)
        administrator = factory.Trait(role=Role.ADMINISTRATOR, team=None)
        # Pass the prison's partner organisation as partner_organisation.
        resettlement_worker = factory.Trait(role=Role.RESETTLEMENT_WORKER, team=None)


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"Partner {n}")
    partner_type = PartnerType.POLICE
    contact_email = factory.Sequence(lambda n: f"partner{n}@partner.example")

    class Params:
        childrens_social_care = factory.Trait(partner_type=PartnerType.CHILDRENS_SOCIAL_CARE)
        prison = factory.Trait(partner_type=PartnerType.PRISON)


class SecurityEventFactory(factory.django.DjangoModelFactory):
    """A lockout of a staff account, the commonest security record."""

    class Meta:
        model = SecurityEvent

    kind = SecurityEvent.Kind.LOCKOUT
    staff = factory.SubFactory(StaffFactory)
    username = factory.LazyAttribute(lambda event: event.staff.username if event.staff else "")
    ip_address = "192.0.2.10"
