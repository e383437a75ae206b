"""The unpaid work team and a case's unpaid work order, built through the services."""

import datetime as dt

import pytest
from django.utils import timezone

from crc.organisation.models import Role
from tests.factories import OrderFactory, ProjectFactory, RequirementFactory, StaffFactory
from unpaidwork import services


@pytest.fixture
def coordinator(db):
    return StaffFactory(role=Role.UNPAID_WORK_COORDINATOR, team=None, username="coordinator")


@pytest.fixture
def supervisor(db):
    return StaffFactory(role=Role.UNPAID_WORK_SUPERVISOR, team=None, username="supervisor")


@pytest.fixture
def project(area, supervisor):
    return ProjectFactory(area=area, supervisor=supervisor, capacity_per_session=2)


def open_order(case, by, *, hours=120, start=None):
    start = start or timezone.localdate() - dt.timedelta(days=7)
    order = OrderFactory(case=case, sentence_date=start, start_date=start)
    requirement = RequirementFactory(order=order, requirement_type="unpaid_work", length=hours)
    return services.unpaid_work_order_open(requirement=requirement, by=by)


def inducted(order, by):
    induction = services.induction_book(order=order, by=by, starts_at=timezone.now())
    services.induction_record(
        induction=induction,
        by=by,
        attended=True,
        understanding_checked=True,
        understanding_notes="Explained back the rules on absence in their own words",
    )
    order.refresh_from_db()
    return order


@pytest.fixture
def uw_order(case, coordinator):
    """The officer's case, 120 hours ordered a week ago, awaiting induction."""
    return open_order(case, coordinator)


@pytest.fixture
def working_order(uw_order, coordinator):
    """Inducted: ready to be placed."""
    return inducted(uw_order, coordinator)


@pytest.fixture
def placed_order(working_order, project, coordinator):
    services.placement_allocate(
        order=working_order, project=project, by=coordinator, reason="Near home"
    )
    return working_order
