import pytest
from django.urls import reverse

from crc.organisation.models import Role, Staff
from tests.conftest import sign_in
from tests.factories import PartnerOrganisationFactory, StaffFactory, TeamFactory
from tests.organisation.helpers import staff_form

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "admin:organisation_area_changelist",
    "admin:organisation_office_changelist",
    "admin:organisation_team_changelist",
    "admin:organisation_staff_changelist",
    "admin:organisation_partnerorganisation_changelist",
]


@pytest.mark.parametrize("url_name", CHANGELISTS)
def test_service_centre_lists_stay_within_a_fixed_number_of_queries(
    client, service_centre, url_name, django_assert_max_num_queries
):
    def add_teams(count):
        for _ in range(count):
            StaffFactory.create_batch(3, team=TeamFactory())
            PartnerOrganisationFactory()

    sign_in(client, service_centre)
    add_teams(3)
    with django_assert_max_num_queries(12):
        small = client.get(reverse(url_name))
    assert small.status_code == 200
    add_teams(10)
    with django_assert_max_num_queries(12):
        large = client.get(reverse(url_name))
    assert large.status_code == 200


def test_officers_cannot_open_the_admin(client, officer):
    sign_in(client, officer)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_service_centre_cannot_change_an_administrator(client, service_centre, administrator):
    sign_in(client, service_centre)
    url = reverse("admin:organisation_staff_change", args=[administrator.pk])
    response = client.post(url, {"username": "admin", "role": Role.SERVICE_CENTRE})
    administrator.refresh_from_db()
    assert administrator.role == Role.ADMINISTRATOR
    assert response.status_code == 403


def test_service_centre_cannot_grant_the_administrator_role(client, service_centre, officer):
    sign_in(client, service_centre)
    url = reverse("admin:organisation_staff_change", args=[officer.pk])
    page = client.get(url)
    assert b'value="administrator"' not in page.content
    response = client.post(url, staff_form(officer, role=Role.ADMINISTRATOR, managed_area=None))
    # The role is read-only for the service centre: the rest may save, the role does not.
    assert response.status_code in {200, 302}
    officer.refresh_from_db()
    assert officer.role == Role.PROBATION_OFFICER
    assert not officer.is_superuser


def test_administrator_can_promote_staff(client, administrator, officer):
    sign_in(client, administrator)
    url = reverse("admin:organisation_staff_change", args=[officer.pk])
    response = client.post(
        url, staff_form(officer, role=Role.SENIOR_PROBATION_OFFICER, managed_area=None)
    )
    assert response.status_code == 302, response.content[:2000]
    officer.refresh_from_db()
    assert officer.role == Role.SENIOR_PROBATION_OFFICER
    assert Staff.history.filter(id=officer.pk).count() >= 2


def test_a_history_revert_needs_change_permission(client, service_centre, team_a):
    team_a.name = "Renamed"
    team_a.save()
    first = team_a.history.order_by("history_id").first()
    sign_in(client, service_centre)
    url = reverse("admin:organisation_team_simple_history", args=[team_a.pk, first.history_id])
    response = client.post(
        url, {"name": "Islington A", "code": team_a.code, "office": team_a.office_id}
    )
    assert response.status_code == 403
    team_a.refresh_from_db()
    assert team_a.name == "Renamed"
