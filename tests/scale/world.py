"""The people and standing records the query-budget tests seed rows around.

`World` wraps the `personas` fixture and adds the satellites' staff (an unpaid work
coordinator and supervisor, a resettlement worker at a resettlement prison, a provider
caseworker) and the one record each "one thing's page" lists rows of (a session, a
project, a referral, an open custody episode on the officer's case). Everything is made
on first use, so a budget pays only for what it touches.
"""

import datetime as dt
import itertools
import re
from functools import cached_property

from django.test import Client
from django.utils import timezone

from crc.organisation.models import PartnerType, Role
from resettlement import services as resettlement_services
from resettlement.models import Prison
from tests.conftest import sign_in
from tests.factories import (
    InterventionServiceFactory,
    OrderFactory,
    PartnerOrganisationFactory,
    ProjectFactory,
    ProjectSessionFactory,
    QualityAuditFactory,
    ReferralFactory,
    RequirementFactory,
    StaffFactory,
)
from tests.factories.interventions import provider_caseworker
from unpaidwork import services as uw_services

SATELLITE_ROLES = {
    "uw_coordinator": Role.UNPAID_WORK_COORDINATOR,
    "uw_supervisor": Role.UNPAID_WORK_SUPERVISOR,
}


class World:
    def __init__(self, personas):
        self.personas = personas
        self._counter = itertools.count(1)

    def next(self) -> int:
        """A number unique within the test, for names and choice cycling."""
        return next(self._counter)

    def __getattr__(self, name):
        # The personas by name: world.officer, world.case, world.spo ...
        if name.startswith("_"):
            raise AttributeError(name)
        return self.personas[name]

    # --- the satellites' people -----------------------------------------------------

    @cached_property
    def uw_coordinator(self):
        return StaffFactory(username="uw_coordinator", role=Role.UNPAID_WORK_COORDINATOR, team=None)

    @cached_property
    def uw_supervisor(self):
        return StaffFactory(username="uw_supervisor", role=Role.UNPAID_WORK_SUPERVISOR, team=None)

    @cached_property
    def prison(self):
        # Seeded by the data migration: one of the 14 resettlement prisons.
        return Prison.objects.get(code="PVI")

    @cached_property
    def resettlement_worker(self):
        return StaffFactory(
            username="resettlement_worker",
            role=Role.RESETTLEMENT_WORKER,
            team=None,
            partner_organisation=self.prison.partner,
        )

    @cached_property
    def resettlement_provider(self):
        return PartnerOrganisationFactory(partner_type=PartnerType.RESETTLEMENT_PROVIDER)

    @cached_property
    def provider(self):
        return PartnerOrganisationFactory(partner_type=PartnerType.INTERVENTION_PROVIDER)

    @cached_property
    def provider_caseworker(self):
        return provider_caseworker(self.provider, username="provider_caseworker")

    @cached_property
    def intervention(self):
        return InterventionServiceFactory(provider=self.provider)

    # --- the one record a page of one thing lists rows of ---------------------------

    @cached_property
    def project(self):
        return ProjectFactory(area=self.case.team.office.area, supervisor=self.uw_supervisor)

    @cached_property
    def session(self):
        return ProjectSessionFactory(project=self.project, supervisor=self.uw_supervisor)

    @property
    def session_id(self) -> int:
        return self.session.pk

    @property
    def project_id(self) -> int:
        return self.project.pk

    @cached_property
    def referral(self):
        return ReferralFactory(case=self.case, service=self.intervention, referred_by=self.officer)

    @property
    def referral_id(self) -> int:
        return self.referral.pk

    @property
    def uw_order_id(self) -> int:
        return self.uw_order.pk

    @cached_property
    def audit(self):
        return QualityAuditFactory(created_by=self.qpm)

    @property
    def audit_id(self) -> int:
        return self.audit.pk

    @property
    def crn(self) -> str:
        return self.case.crn

    @cached_property
    def uw_order(self):
        """An inducted unpaid work order on the officer's case."""
        return self.unpaid_work_order(self.case)

    def unpaid_work_order(self, case):
        start = timezone.localdate() - dt.timedelta(days=30)
        order = OrderFactory(case=case, sentence_date=start, start_date=start)
        requirement = RequirementFactory(order=order, requirement_type="unpaid_work", length=120)
        uw_order = uw_services.unpaid_work_order_open(
            requirement=requirement, by=self.uw_coordinator
        )
        induction = uw_services.induction_book(
            order=uw_order, by=self.uw_coordinator, starts_at=timezone.now()
        )
        uw_services.induction_record(
            induction=induction,
            by=self.uw_coordinator,
            attended=True,
            understanding_checked=True,
            understanding_notes="Explained the rules on absence back in their own words",
        )
        uw_order.refresh_from_db()
        return uw_order

    @cached_property
    def episode(self):
        """The officer's case in custody at the worker's prison."""
        return self.custody(self.case)

    def custody(self, case, *, release_in_days: int = 200, resettlement_provider=None):
        today = timezone.localdate()
        return resettlement_services.episode_open(
            case=case,
            by=self.resettlement_worker,
            prison=self.prison,
            reception_date=today - dt.timedelta(days=10),
            expected_release_date=today + dt.timedelta(days=release_in_days),
            release_kind="licence",
            resettlement_provider=resettlement_provider or self.resettlement_provider,
            resettlement_worker=self.resettlement_worker,
        )

    # --- clients --------------------------------------------------------------------

    def client_for(self, viewer: str):
        """A signed-in client for a member of staff, or `partner:<type>` for an API
        client holding a token with that partner type's scopes."""
        if viewer.startswith("partner:"):
            return self.personas.partner(viewer.split(":", 1)[1]).client()
        client = Client()
        sign_in(client, getattr(self, viewer))
        return client

    def url(self, route: str) -> str:
        """The route with each `<conv:name>` filled from this world's attribute `name`."""
        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(getattr(self, m.group(1))), route)
