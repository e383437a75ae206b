"""The Django admin is a page staff use too: it must pass the same axe bar."""

import pytest

from crc.organisation.models import Role
from tests.e2e.personas import PASSWORD
from tests.factories import CaseFactory, StaffFactory, TeamFactory

ADMIN_PAGES = [
    ("admin-index", "/admin/"),
    ("admin-staff", "/admin/organisation/staff/"),
    ("admin-teams", "/admin/organisation/team/"),
    ("admin-cases", "/admin/cases/case/"),
    ("admin-tasks", "/admin/cases/servicecentretask/"),
    ("admin-grid", "/admin/cases/gridrule/"),
    ("admin-outbox", "/admin/notifications/outboxmessage/"),
]


@pytest.mark.parametrize("role", [Role.SERVICE_CENTRE, Role.ADMINISTRATOR])
def test_admin_pages_have_no_serious_accessibility_issues(
    page, live_server, sign_in, axe_check, role
):
    person = StaffFactory(username=f"{role.value}-admin", role=role, team=None, password=PASSWORD)
    case = CaseFactory(team=TeamFactory())
    sign_in(page, live_server, person, PASSWORD)
    axe_check(page, f"admin-home-{role.value}")
    for name, path in [*ADMIN_PAGES, ("admin-case", f"/admin/cases/case/{case.pk}/change/")]:
        page.goto(f"{live_server.url}{path}")
        assert "Log in" not in page.title(), path
        axe_check(page, f"{name}-{role.value}")
    if role == Role.ADMINISTRATOR:
        page.goto(f"{live_server.url}/access-log/")
        axe_check(page, "access-log")
