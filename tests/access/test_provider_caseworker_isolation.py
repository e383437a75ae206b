"""A provider caseworker reaches no staff page, and sees only referrals made to their own
organisation (issue 12, "Done when")."""

import re

import pytest
from django.test import Client

from crc.access import interventions as access
from crc.access.marks import policy_of, walk
from crc.access.pages import Page, role_may_use
from crc.organisation.models import Role
from interventions.models import Referral
from tests.conftest import sign_in
from tests.factories.interventions import ReferralFactory, provider_caseworker

# Pages a provider caseworker may use: those everyone signed in may use, and their own.
PROVIDER_PAGES = {str(page) for page in Page if role_may_use(Role.PROVIDER_CASEWORKER, page)}
REFUSED = {403, 404, 405}


def _is_staff_route(route, pattern) -> bool:
    if route.startswith("_errors/"):
        return False
    if route == "admin/logout/":
        return False  # signing out reaches nothing
    if route.startswith("admin/"):
        return True
    policy = policy_of(pattern.callback)
    if policy is None:
        return False
    if policy.kind == "case":
        return True
    return policy.kind == "page" and policy.detail not in PROVIDER_PAGES


def _fill(route: str, crn: str) -> str:
    def value(match):
        return crn if match.group(1) == "crn" else "1"

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", value, route).replace("^.*$", "anything-else/")


def _refused(route: str, response) -> bool:
    if response.status_code in REFUSED:
        return True
    # The admin site sends anyone who is not staff to its own sign-in page.
    location = response.headers.get("Location", "")
    return route.startswith("admin/") and response.status_code == 302 and "login" in location


@pytest.mark.django_db
def test_a_provider_caseworker_cannot_reach_any_staff_page(case):
    referral = ReferralFactory(case=case)
    caseworker = provider_caseworker(referral.service.provider)
    client = Client()
    sign_in(client, caseworker)
    reached = []
    staff_routes = [route for route, pattern in walk() if _is_staff_route(route, pattern)]
    for route in staff_routes:
        url = _fill(route, case.crn)
        response = client.get(url)
        if not _refused(route, response):
            reached.append(f"{url}: {response.status_code}")
    assert len(staff_routes) > 20
    # The inbox holds only what is addressed to them: referral-scoped (ADR 0011). The API
    # reference describes endpoints, not data (every role reads it).
    assert {"home", "account", "inbox", "provider_referrals", "api_docs"} == PROVIDER_PAGES
    assert reached == []


@pytest.mark.django_db
def test_a_provider_caseworker_sees_only_referrals_made_to_their_organisation():
    own = ReferralFactory()
    other = ReferralFactory()
    caseworker = provider_caseworker(own.service.provider)
    other_caseworker = provider_caseworker(other.service.provider)

    assert list(access.provider_referrals(caseworker, Referral.objects.all())) == [own]
    assert list(access.provider_referrals(other_caseworker, Referral.objects.all())) == [other]
    assert list(access.organisation_referrals(own.service.provider, Referral.objects.all())) == [
        own
    ]


@pytest.mark.django_db
def test_staff_and_caseworkers_with_no_organisation_see_no_provider_referrals(officer):
    ReferralFactory()
    loose = provider_caseworker()
    loose.partner_organisation = None
    assert not access.provider_referrals(officer, Referral.objects.all()).exists()
    assert not access.provider_referrals(loose, Referral.objects.all()).exists()
    assert not access.organisation_referrals(None, Referral.objects.all()).exists()
