"""The account-management policy: who may give which role, and change whose account."""

import pytest

from crc.access import accounts
from crc.organisation.models import Role
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("granter", "role", "allowed"),
    [
        ("administrator", Role.ADMINISTRATOR, True),
        ("administrator", Role.SENIOR_PROBATION_OFFICER, True),
        ("administrator", Role.PROVIDER_CASEWORKER, True),
        ("service_centre", Role.PROBATION_OFFICER, True),
        ("service_centre", Role.PROBATION_SERVICES_OFFICER, True),
        ("service_centre", Role.SENIOR_PROBATION_OFFICER, False),
        ("service_centre", Role.SERVICE_CENTRE, False),
        ("service_centre", Role.ADMINISTRATOR, False),
        ("service_centre", Role.UNPAID_WORK_SUPERVISOR, False),
    ],
)
def test_who_may_give_a_new_account_which_role(personas, granter, role, allowed):
    assert (role in accounts.grantable_roles(getattr(personas, granter))) is allowed


@pytest.mark.parametrize(
    ("changer", "target", "allowed"),
    [
        ("service_centre", "officer", True),
        ("service_centre", "another_administrator", False),
        ("administrator", "another_administrator", True),
        ("administrator", "administrator", True),
    ],
)
def test_only_an_administrator_changes_an_administrators_account(
    personas, changer, target, allowed
):
    accounts_by_name = {
        "officer": personas.officer,
        "administrator": personas.administrator,
        "another_administrator": StaffFactory(administrator=True),
    }
    user = getattr(personas, changer)
    assert accounts.may_change_account(user, accounts_by_name[target]) is allowed
