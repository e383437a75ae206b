import datetime as dt

import pytest
from django.utils import timezone

from crc.organisation.models import PartnerType
from resettlement import release, services
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


# A plan whose risk-of-harm section is filled in, unless a test says otherwise.
PLAN = {
    "risk_to_whom": "Former partner",
    "risk_plan": "No-contact condition",
    "prison_delivers": "",
}


def update_plan(plan, by, *, version, **fields):
    """The plan's risk-of-harm section and prison work, saved through the service."""
    return services.plan_update(plan=plan, by=by, expected_version=version, **(PLAN | fields))


def add_action(episode, by, pathway="accommodation", **fields):
    """An action on the episode's plan (`owner`, `description`...), added through the service."""
    return services.plan_action_add(plan=episode.plan, by=by, pathway=pathway, **fields)


def update_checklist(checklist, by, *, version=1, **answers):
    """The release checklist saved through the service with the officer's `answers`."""
    return release.checklist_update(checklist=checklist, by=by, expected_version=version, **answers)


def contact_before_release(episode, by, *, method="phone", ago=dt.timedelta(0), summary="Spoke"):
    """A pre-release contact by `by`, made `ago` before now, as recorded on the episode page."""
    return release.pre_release_contact_record(
        episode=episode, by=by, method=method, happened_at=timezone.now() - ago, summary=summary
    )
