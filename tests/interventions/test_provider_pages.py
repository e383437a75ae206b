"""The provider caseworker's pages: their own organisation's referrals only, the stored
risk only, picking a referral up (issue 12)."""

import pytest
from django.test import Client
from django.urls import reverse

from crc.access.models import AccessKind, AccessLog
from tests.conftest import sign_in
from tests.factories.interventions import ReferralFactory, provider_caseworker


def _client(user):
    client = Client()
    sign_in(client, user)
    return client


@pytest.fixture
def referral(case):
    return ReferralFactory(case=case, risk_information="Redacted: RoSH medium to staff")


@pytest.fixture
def own(referral):
    return provider_caseworker(referral.service.provider, username="own")


def test_the_lists_show_unassigned_and_my_cases_of_the_own_organisation_only(referral, own):
    foreign = ReferralFactory()
    page = _client(own).get(reverse("interventions:provider_home"))
    assert page.status_code == 200
    body = page.content.decode()
    assert reverse("interventions:provider_referral", args=[referral.pk]) in body
    assert reverse("interventions:provider_referral", args=[foreign.pk]) not in body


def test_the_referral_page_shows_the_stored_risk_and_logs_a_disclosure(referral, own):
    page = _client(own).get(reverse("interventions:provider_referral", args=[referral.pk]))
    assert page.status_code == 200
    assert "Redacted: RoSH medium to staff" in page.content.decode()
    logged = AccessLog.objects.get(kind=AccessKind.DISCLOSURE, staff=own)
    assert logged.case_id == referral.case_id
    assert logged.partner_organisation_id == referral.service.provider_id


def test_another_providers_caseworker_gets_404_for_the_page_and_the_assign(referral):
    stranger = _client(provider_caseworker())
    page = reverse("interventions:provider_referral", args=[referral.pk])
    assign = reverse("interventions:provider_referral_assign", args=[referral.pk])
    assert stranger.get(page).status_code == 404
    assert stranger.post(assign).status_code == 404
    referral.refresh_from_db()
    assert referral.caseworker_id is None


def test_a_caseworker_assigns_an_unassigned_referral_to_themselves(referral, own):
    client = _client(own)
    response = client.post(
        reverse("interventions:provider_referral_assign", args=[referral.pk]), follow=True
    )
    referral.refresh_from_db()
    assert referral.caseworker == own
    assert "Referral assigned to you" in response.content.decode()
    assert "Assign to me" not in response.content.decode()
    home = client.get(reverse("interventions:provider_home")).content.decode()
    assert home.index("My cases") < home.index(referral.case.crn) < home.index("Unassigned")


def test_officers_cannot_open_the_provider_pages(referral, officer):
    client = _client(officer)
    assert client.get(reverse("interventions:provider_home")).status_code == 404
    page = reverse("interventions:provider_referral", args=[referral.pk])
    assert client.get(page).status_code == 404


def test_the_navigation_offers_referrals_to_provider_caseworkers_only(own, officer):
    link = 'href="/interventions/provider/"'
    assert link in _client(own).get("/").content.decode()
    assert link not in _client(officer).get("/").content.decode()
