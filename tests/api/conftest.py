"""Partner personas for the API tests: one organisation (and OAuth client) per partner
type, tokens minted with exactly the scopes a test asks for, and the case fixtures of
tests/conftest.py (officer, spo, case) for the police and children's social care to be
asked about."""

import pytest
from django.core.cache import cache

from crc.organisation.models import PartnerType
from tests.partners import Partner, information_request_to, make_partner


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
    return information_request_to(
        police,
        case=case,
        by=officer,
        question="Any domestic abuse call-outs to this address in the last two years?",
    )


@pytest.fixture
def csc_request(case, officer, csc):
    return information_request_to(
        csc,
        case=case,
        by=officer,
        question="Is the family known to children's services?",
        agency="childrens_social_care",
    )
