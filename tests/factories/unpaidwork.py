"""Unpaid work: projects, nominations, the requirement's record, inductions, ETE
referrals, placements, tensions, sessions and attendance. Rows as the database holds
them; tests of behaviour build state through unpaidwork's services instead."""

import datetime as dt

import factory
from django.utils import timezone

from crc.organisation.models import PartnerType, Role
from tests.factories.organisation import AreaFactory, PartnerOrganisationFactory, StaffFactory
from tests.factories.record import CaseFactory, CaseRecordFactory, RequirementFactory
from unpaidwork import rules
from unpaidwork.models import (
    Attendance,
    EteReferral,
    Extension,
    Induction,
    KnownTension,
    Nomination,
    Placement,
    Project,
    ProjectSession,
    UnpaidWorkOrder,
    UnpaidWorkPolicy,
)


def supervisor():
    return StaffFactory(role=Role.UNPAID_WORK_SUPERVISOR, team=None)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Community garden {n}")
    kind = "group"
    project_type = "gardening"
    borough = "Islington"
    address = "1 Upper Street, London"
    area = factory.SubFactory(AreaFactory)
    host = factory.SubFactory(PartnerOrganisationFactory, partner_type=PartnerType.UNPAID_WORK_HOST)
    supervisor = factory.LazyFunction(supervisor)
    capacity_per_session = 6


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    nominator_name = factory.Faker("name")
    nominator_email = factory.Sequence(lambda n: f"resident{n}@example.org")
    borough = "Hackney"
    location = "The alley behind Mare Street"
    description = "Clear the rubbish and paint over the graffiti"


class UnpaidWorkOrderFactory(factory.django.DjangoModelFactory):
    """120 hours ordered, started 60 days ago, inducted (working)."""

    class Meta:
        model = UnpaidWorkOrder

    requirement = factory.SubFactory(RequirementFactory, unpaid_work=True)
    case = factory.LazyAttribute(lambda o: o.requirement.order.case)
    hours_ordered = factory.LazyAttribute(lambda o: o.requirement.length)
    start_date = factory.LazyAttribute(lambda o: o.requirement.order.start_date)
    deadline = factory.LazyAttribute(lambda o: rules.deadline(o.start_date))
    status = "active"


class OrderPartFactory(factory.django.DjangoModelFactory):
    """A part of an unpaid work order's record: on a new order unless given one."""

    class Meta:
        abstract = True

    order = factory.SubFactory(UnpaidWorkOrderFactory)


class ExtensionFactory(OrderPartFactory):
    class Meta:
        model = Extension

    months = 3
    reason = "Long-term illness, with a GP's letter"
    previous_deadline = factory.LazyAttribute(lambda o: o.order.deadline)
    new_deadline = factory.LazyAttribute(lambda o: rules.add_months(o.order.deadline, o.months))
    granted_by = factory.SubFactory(StaffFactory)
    granted_at = factory.LazyFunction(timezone.now)


class InductionFactory(OrderPartFactory):
    class Meta:
        model = Induction

    order__status = "awaiting_induction"
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=2))
    location = "Unpaid work office, Holloway Road"
    booked_by = factory.SubFactory(StaffFactory)


class EteReferralFactory(OrderPartFactory):
    class Meta:
        model = EteReferral

    reason = "Unemployed at the start of unpaid work"
    automatic = True
    created_at = factory.LazyFunction(timezone.now)


class PlacementFactory(OrderPartFactory):
    class Meta:
        model = Placement

    project = factory.SubFactory(ProjectFactory)
    reason = "Near home; fits around the school run"
    allocated_by = factory.SubFactory(StaffFactory)
    allocated_at = factory.LazyFunction(timezone.now)


class KnownTensionFactory(CaseRecordFactory):
    class Meta:
        model = KnownTension

    other = factory.SubFactory(CaseFactory)
    reason = "Co-defendants; a falling out in custody"


class ProjectSessionFactory(factory.django.DjangoModelFactory):
    """A session of the project tomorrow, 09:00 to 16:30."""

    class Meta:
        model = ProjectSession

    project = factory.SubFactory(ProjectFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=1))
    starts_at = dt.time(9, 0)
    ends_at = dt.time(16, 30)
    capacity = factory.LazyAttribute(lambda o: o.project.capacity_per_session)
    supervisor = factory.LazyAttribute(lambda o: o.project.supervisor)


class AttendanceFactory(factory.django.DjangoModelFactory):
    """Someone expected at a session."""

    class Meta:
        model = Attendance

    session = factory.SubFactory(ProjectSessionFactory)
    order = factory.SubFactory(UnpaidWorkOrderFactory)


class UnpaidWorkPolicyFactory(factory.django.DjangoModelFactory):
    """The one policy row (a migration makes it): fetched and updated, never a second."""

    class Meta:
        model = UnpaidWorkPolicy
        django_get_or_create = ("id",)

    id = 1

    @classmethod
    def _get_or_create(cls, model_class, *args, **kwargs):
        row = super()._get_or_create(model_class, id=kwargs.pop("id"))
        for name, value in kwargs.items():
            setattr(row, name, value)
        row.save()
        return row
