"""The first journey: every kind of staff member signs in and lands on their home page.

Signed-out pages (the login form, the 404 page, the accessibility statement) are
checked too, since anyone can reach them.
"""

import pytest
from playwright.sync_api import expect

from crc.organisation.models import Role
from tests.e2e.personas import PASSWORD, journey_staff
from tests.factories import AreaFactory, OfficeFactory, TeamFactory

# (role, first name, last name): one persona per demo role.
PERSONAS = [
    (Role.PROBATION_OFFICER, "Olu", "Officer"),
    (Role.PROBATION_SERVICES_OFFICER, "Pat", "Services"),
    (Role.SENIOR_PROBATION_OFFICER, "Sam", "Senior"),
    (Role.AREA_MANAGER, "Ada", "Manager"),
    (Role.SERVICE_CENTRE, "Sol", "Centre"),
    (Role.QUALITY_PERFORMANCE_MANAGER, "Quinn", "Quality"),
    (Role.ADMINISTRATOR, "Alex", "Admin"),
]


def make_persona(role: Role, first_name: str, last_name: str):
    area = AreaFactory(name="North", code="north")
    team = TeamFactory(office=OfficeFactory(area=area), name="Islington A")
    in_team = role in {
        Role.PROBATION_OFFICER,
        Role.PROBATION_SERVICES_OFFICER,
        Role.SENIOR_PROBATION_OFFICER,
    }
    person = journey_staff(
        f"{role.value}-persona",
        first_name,
        last_name,
        role,
        team=team if in_team else None,
        managed_area=area if role == Role.AREA_MANAGER else None,
    )
    if role == Role.SENIOR_PROBATION_OFFICER:
        person.managed_teams.add(team)
    return person


@pytest.mark.parametrize(
    ("role", "first_name", "last_name"), PERSONAS, ids=[p[0].value for p in PERSONAS]
)
def test_each_role_signs_in_and_lands_on_their_home_page(
    page, live_server, sign_in, axe_check, role, first_name, last_name
):
    person = make_persona(role, first_name, last_name)

    sign_in(page, live_server, person, PASSWORD)

    assert page.url == f"{live_server.url}/"
    expect(page.locator("body")).to_contain_text(f"{first_name} {last_name}")
    axe_check(page, f"home-{role.value}")


def test_the_login_page_is_accessible(page, live_server, axe_check):
    page.goto(f"{live_server.url}/login/")

    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    axe_check(page, "login-signed-out")


def test_the_login_page_is_accessible_on_a_phone(mobile_page, live_server, axe_check):
    mobile_page.goto(f"{live_server.url}/login/")

    expect(mobile_page.get_by_role("button", name="Sign in")).to_be_visible()
    axe_check(mobile_page, "login-375px")


def test_an_unknown_address_shows_an_accessible_404_page(page, live_server, axe_check):
    response = page.goto(f"{live_server.url}/no-such-page/")

    assert response is not None and response.status == 404
    axe_check(page, "404")


def test_the_accessibility_statement_is_public_and_accessible(page, live_server, axe_check):
    response = page.goto(f"{live_server.url}/accessibility/")

    assert response is not None and response.status == 200
    assert page.url == f"{live_server.url}/accessibility/"
    axe_check(page, "accessibility-statement")
