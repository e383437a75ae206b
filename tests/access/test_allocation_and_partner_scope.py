"""Allocation eligibility and the partner case scope, as crc.access decides them."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.models import Case
from crc.access.allocation import allocatable_officers, may_hold_case
from tests.factories import InformationRequestFactory, PartnerOrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_an_officer_on_the_exclusion_list_may_not_hold_the_case(personas):
    assert may_hold_case(personas.officer, personas.case)
    assert not may_hold_case(personas.excluded, personas.case)


def test_only_the_named_officers_may_hold_a_restricted_case(personas):
    assert may_hold_case(personas.colleague, personas.restricted_case)
    assert not may_hold_case(personas.officer, personas.restricted_case)


def test_an_spo_picks_from_their_teams_and_never_an_officer_the_lists_hide(personas):
    picks = set(allocatable_officers(personas.spo, personas.case))
    assert {personas.officer, personas.colleague, personas.pso} <= picks
    assert personas.excluded not in picks
    assert personas.outsider not in picks
    assert personas.spo not in picks
    assert set(allocatable_officers(personas.spo, personas.restricted_case)) == {personas.colleague}


def test_an_administrator_picks_from_every_active_officer(personas):
    inactive = StaffFactory(is_active=False, team=personas.case.team)
    picks = set(allocatable_officers(personas.administrator, personas.out_of_scope_case))
    assert {personas.officer, personas.outsider, personas.pso} <= picks
    assert inactive not in picks


def _reached(partner) -> set[str]:
    from crc.access.partners import partner_cases

    return set(partner_cases(partner, Case.objects.all()).values_list("crn", flat=True))


def test_a_partner_reaches_cases_with_an_open_or_recent_request_and_nothing_else(personas):
    police = PartnerOrganisationFactory()
    long_ago = timezone.localdate() - dt.timedelta(days=400)
    InformationRequestFactory(case=personas.case, partner_organisation=police)
    InformationRequestFactory(
        case=personas.restricted_case, partner_organisation=police, answered=True, sent_on=long_ago
    )
    assert _reached(police) == {personas.case.crn}
    assert _reached(PartnerOrganisationFactory()) == set()


def test_a_withdrawn_request_grants_no_arrangement(personas):
    police = PartnerOrganisationFactory()
    InformationRequestFactory(case=personas.case, partner_organisation=police, status="withdrawn")
    assert _reached(police) == set()
