"""Partner personas for the API tests: one organisation (and OAuth client) per partner
type, tokens minted with exactly the scopes a test asks for, and the case fixtures of
tests/conftest.py (officer, spo, case) for the police and children's social care to be
asked about."""

import datetime as dt
import secrets
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.utils import timezone
from oauth2_provider.models import AccessToken, set_token_value
from rest_framework.test import APIClient

from cases.services import information_request_raise
from crc.api.scopes import scopes_for_partner_type
from crc.api.services import partner_application_create
from crc.organisation.models import PartnerType
from tests.factories import PartnerOrganisationFactory


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "contract: schemathesis run against the generated OpenAPI schema"
    )


@pytest.fixture(autouse=True)
def _fresh_throttles():
    # Throttle buckets live in the cache and are keyed by application id, which the
    # database reuses between tests.
    cache.clear()
    yield
    cache.clear()


@dataclass
class Partner:
    organisation: object
    link: object
    secret: str = field(repr=False)

    @property
    def client_id(self) -> str:
        return self.link.application.client_id

    def token(self, *, scopes=None, expires_in=600) -> str:
        raw = secrets.token_urlsafe(32)
        if scopes is None:
            scopes = scopes_for_partner_type(self.organisation.partner_type)
        token = AccessToken(
            application=self.link.application,
            expires=timezone.now() + dt.timedelta(seconds=expires_in),
            scope=" ".join(scopes),
        )
        set_token_value(token, raw)
        token.save()
        return raw

    def client(self, *, scopes=None, acting_person="", expires_in=600) -> APIClient:
        client = APIClient()
        headers = {
            "HTTP_AUTHORIZATION": f"Bearer {self.token(scopes=scopes, expires_in=expires_in)}"
        }
        if acting_person:
            headers["HTTP_X_ACTING_PERSON"] = acting_person
        client.credentials(**headers)
        return client


def make_partner(name: str, partner_type: str) -> Partner:
    organisation = PartnerOrganisationFactory(name=name, partner_type=partner_type)
    link, secret = partner_application_create(partner_organisation=organisation)
    return Partner(organisation=organisation, link=link, secret=secret)


@pytest.fixture
def police(db):
    return make_partner("Metropolitan Police Service", PartnerType.POLICE)


@pytest.fixture
def other_police(db):
    return make_partner("City of London Police", PartnerType.POLICE)


@pytest.fixture
def csc(db):
    return make_partner("Islington Children's Services", PartnerType.CHILDRENS_SOCIAL_CARE)


@pytest.fixture
def partner_of_type(db):
    def make(partner_type: str) -> Partner:
        return make_partner(f"A {partner_type} partner", partner_type)

    return make


@pytest.fixture
def police_request(case, officer, police):
    """An open request from the officer to the police about the officer's case."""
    return information_request_raise(
        case=case,
        by=officer,
        agency="police",
        question="Any domestic abuse call-outs to this address in the last two years?",
        partner_organisation=police.organisation,
    )


@pytest.fixture
def csc_request(case, officer, csc):
    return information_request_raise(
        case=case,
        by=officer,
        agency="childrens_social_care",
        question="Is the family known to children's services?",
        partner_organisation=csc.organisation,
    )
