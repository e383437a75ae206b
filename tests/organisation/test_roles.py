import pytest

from crc.organisation.models import Role
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_admin_access_follows_the_role():
    officer = StaffFactory(role=Role.PROBATION_OFFICER)
    centre = StaffFactory(role=Role.SERVICE_CENTRE, team=None)
    admin = StaffFactory(role=Role.ADMINISTRATOR, team=None)
    assert (officer.is_staff, officer.is_superuser) == (False, False)
    assert (centre.is_staff, centre.is_superuser) == (True, False)
    assert (admin.is_staff, admin.is_superuser) == (True, True)


def test_it_puts_staff_in_exactly_their_role_group():
    person = StaffFactory(role=Role.PROBATION_OFFICER)
    assert list(person.groups.values_list("name", flat=True)) == ["Probation officer"]
    person.role = Role.SENIOR_PROBATION_OFFICER
    person.save()
    assert list(person.groups.values_list("name", flat=True)) == ["Senior probation officer"]


def test_service_centre_group_can_edit_staff_but_not_delete():
    centre = StaffFactory(role=Role.SERVICE_CENTRE, team=None)
    assert centre.has_perm("organisation.change_staff")
    assert centre.has_perm("organisation.view_team")
    assert not centre.has_perm("organisation.delete_staff")


def test_an_officer_belongs_to_the_area_of_their_team(officer, area):
    assert officer.area == area
    assert officer.is_responsible_officer
