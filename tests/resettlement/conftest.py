import datetime as dt

import pytest
from django.utils import timezone

from crc.organisation.models import PartnerType
from resettlement import services
from resettlement.models import Prison
from tests.factories import PartnerOrganisationFactory, StaffFactory


@pytest.fixture
def prison(db):
    # Seeded by the data migration: one of the 14 resettlement prisons.
    return Prison.objects.get(code="PVI")


@pytest.fixture
def worker(prison):
    return StaffFactory(
        username="worker",
        first_name="Rae",
        last_name="Worker",
        partner_organisation=prison.partner,
        resettlement_worker=True,
    )


@pytest.fixture
def provider(db):
    return PartnerOrganisationFactory(
        name="Housing Provider", partner_type=PartnerType.RESETTLEMENT_PROVIDER
    )


def open_episode(case, by, prison, *, received_days_ago=10, release_in_days=200, **extra):
    today = timezone.localdate()
    return services.episode_open(
        case=case,
        by=by,
        prison=prison,
        reception_date=today - dt.timedelta(days=received_days_ago),
        expected_release_date=today + dt.timedelta(days=release_in_days),
        release_kind="licence",
        **extra,
    )


@pytest.fixture
def episode(case, worker, prison, provider):
    return open_episode(
        case, worker, prison, resettlement_worker=worker, resettlement_provider=provider
    )
