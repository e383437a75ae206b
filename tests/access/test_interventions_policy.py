"""crc.access.interventions: provider caseworkers see only their own organisation's
referrals; officers refer, approve and withdraw as case work (issue 12)."""

from types import SimpleNamespace

import pytest

from crc.access import interventions as access
from crc.access.policy import Relationship
from crc.organisation.models import Role

OWN, OTHER = 1, 2


def _user(role=Role.PROVIDER_CASEWORKER, *, org=OWN, pk=10, active=True):
    return SimpleNamespace(
        pk=pk, role=role, is_active=active, is_authenticated=True, partner_organisation_id=org
    )


def _referral(*, provider=OWN, caseworker=None):
    return SimpleNamespace(service=SimpleNamespace(provider_id=provider), caseworker_id=caseworker)


# (who, referral, action, allowed)
PROVIDER_TABLE = [
    # Unassigned: any caseworker of the provider reads and picks it up; nobody else.
    (_user(), _referral(), access.ProviderAction.READ, True),
    (_user(), _referral(), access.ProviderAction.ASSIGN, True),
    (_user(), _referral(), access.ProviderAction.SUBMIT_ACTION_PLAN, False),
    (_user(org=OTHER), _referral(), access.ProviderAction.READ, False),
    (_user(org=OTHER), _referral(), access.ProviderAction.ASSIGN, False),
    (_user(org=None), _referral(), access.ProviderAction.READ, False),
    (_user(active=False), _referral(), access.ProviderAction.READ, False),
    (_user(Role.PROBATION_OFFICER), _referral(), access.ProviderAction.READ, False),
    # Assigned: the work is the assigned caseworker's; colleagues may still read it.
    (_user(), _referral(caseworker=10), access.ProviderAction.RECORD_SESSION, True),
    (_user(), _referral(caseworker=10), access.ProviderAction.SUBMIT_ACTION_PLAN, True),
    (_user(), _referral(caseworker=10), access.ProviderAction.RECORD_APPOINTMENT, True),
    (
        _user(),
        _referral(caseworker=10),
        access.ProviderAction.SUBMIT_END_OF_SERVICE_REPORT,
        True,
    ),
    (_user(pk=11), _referral(caseworker=10), access.ProviderAction.RECORD_SESSION, False),
    (_user(pk=11), _referral(caseworker=10), access.ProviderAction.READ, True),
    (_user(org=OTHER, pk=10), _referral(caseworker=10), access.ProviderAction.READ, False),
]


@pytest.mark.parametrize(("user", "referral", "action", "expected"), PROVIDER_TABLE)
def test_a_provider_caseworker_acts_only_on_their_own_organisations_referrals(
    user, referral, action, expected
):
    assert access.provider_may(user, action, referral) is expected


def test_the_provider_table_names_every_provider_action():
    assert {row[2] for row in PROVIDER_TABLE} == set(access.ProviderAction)


ASSIGNEES = [
    (_user(), True),
    (_user(org=OTHER), False),
    (_user(org=None), False),
    (_user(active=False), False),
    (_user(Role.PROBATION_OFFICER), False),
    (_user(Role.ADMINISTRATOR), False),
]


@pytest.mark.parametrize(("caseworker", "expected"), ASSIGNEES)
def test_only_an_active_caseworker_of_the_referrals_provider_may_be_assigned(caseworker, expected):
    assert access.may_be_assigned(caseworker, _referral()) is expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (
            role,
            role
            in {
                Role.PROBATION_OFFICER,
                Role.PROBATION_SERVICES_OFFICER,
                Role.SENIOR_PROBATION_OFFICER,
            },
        )
        for role in Role
    ],
)
def test_case_holders_and_no_one_else_search_the_directory(role, expected):
    assert access.may_search_directory(_user(role, org=None)) is expected


# (relationship to the case, may refer / approve / withdraw)
OFFICER_TABLE = [
    (Relationship.ALLOCATED_OFFICER, True),
    (Relationship.LINE_MANAGEMENT, True),
    (Relationship.TEAM, False),
    (Relationship.AREA_MANAGEMENT, False),
    (Relationship.QUALITY_AUDIT, False),
    (Relationship.SERVICE_CENTRE, False),
    (Relationship.ADMINISTRATION, False),
    (None, False),
]


@pytest.mark.parametrize(
    "action", [a for a in access.ReferralAction if a != access.ReferralAction.SEARCH_DIRECTORY]
)
@pytest.mark.parametrize(("relationship", "expected"), OFFICER_TABLE)
def test_referring_approving_and_withdrawing_are_case_work(
    monkeypatch, relationship, expected, action
):
    monkeypatch.setattr(
        "crc.access.policy.relationship_for_action", lambda user, case: relationship
    )
    officer = _user(Role.PROBATION_OFFICER, org=None)
    assert access.officer_may(officer, action, case=object()) is expected


def test_a_provider_caseworker_takes_no_officer_action_whatever_the_relationship(monkeypatch):
    monkeypatch.setattr(
        "crc.access.policy.relationship_for_action",
        lambda user, case: Relationship.ALLOCATED_OFFICER,
    )
    for action in access.ReferralAction:
        assert not access.officer_may(_user(), action, case=object())


@pytest.mark.parametrize(
    ("user", "referral", "expected"),
    [
        (_user(), _referral(), True),  # unassigned: every caseworker of the provider
        (_user(), _referral(caseworker=10), True),  # assigned: that caseworker
        (_user(pk=11), _referral(caseworker=10), False),  # not their colleagues
        (_user(org=OTHER), _referral(), False),
        (_user(Role.PROBATION_OFFICER, org=None), _referral(), False),
    ],
)
def test_referral_notifications_reach_only_the_providers_caseworkers(user, referral, expected):
    assert access.may_notify_provider(user, referral) is expected
