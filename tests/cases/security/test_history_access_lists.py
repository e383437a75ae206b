"""The History tab shows changes to the access lists only to those who may manage the
lists (issue 9, finding 10): who is excluded from a case, and why, is itself sensitive."""

import pytest
from django.urls import reverse

from cases.allocation import services as allocation_services
from tests.conftest import sign_in
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

WHY = "Lives next door to the person on probation"


@pytest.fixture
def excluded(case, spo):
    neighbour = StaffFactory(team=None, first_name="Nora", last_name="Neighbour")
    allocation_services.access_entry_add(
        case=case, by=spo, staff=neighbour, kind="exclusion", reason=WHY
    )
    return neighbour


def _history(client, user, case) -> str:
    sign_in(client, user)
    response = client.get(reverse("cases:history", args=[case.crn]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("persona", ["officer", "colleague", "pso", "qpm", "area_manager"])
def test_readers_who_cannot_manage_the_lists_do_not_see_their_history(
    client, request, case, excluded, persona
):
    page = _history(client, request.getfixturevalue(persona), case)
    assert "Access list" not in page
    assert "Neighbour" not in page
    assert WHY not in page


def test_the_line_manager_sees_the_access_list_history(client, case, excluded, spo):
    page = _history(client, spo, case)
    assert "Access list" in page
    assert "Neighbour" in page
