"""Unpaid work on a phone: the supervisor opens today's session, marks the register with
hours; the responsible officer then sees the outcome on the case timeline. Every page is
axe-checked (and screenshotted under test-results/screenshots/)."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from crc.organisation.models import Role
from tests.e2e.personas import PASSWORD, journey_staff
from tests.factories import (
    AttendanceFactory,
    CaseFactory,
    ProjectFactory,
    ProjectSessionFactory,
    UnpaidWorkOrderFactory,
)


def test_a_supervisor_marks_the_register_on_a_phone_and_the_officer_sees_it(
    mobile_page, signed_in_page, live_server, sign_in, axe_check, officer, team
):
    supervisor = journey_staff("sue", "Sue", "Supervisor", Role.UNPAID_WORK_SUPERVISOR)
    project = ProjectFactory(name="Finsbury Park clean-up", supervisor=supervisor)
    # Today's session, begun already (a session's outcomes are recorded once it starts).
    session = ProjectSessionFactory(
        project=project,
        date=timezone.localdate(),
        starts_at=dt.time(0, 0),
        ends_at=dt.time(23, 59),
    )
    case = CaseFactory(team=team, responsible_officer=officer, first_name="Ann", last_name="Lee")
    order = UnpaidWorkOrderFactory(requirement__order__case=case)
    AttendanceFactory(session=session, order=order)

    page = mobile_page
    sign_in(page, live_server, supervisor, PASSWORD)
    axe_check(page, "uw-supervisor-home-mobile")

    page.goto(f"{live_server.url}/unpaid-work/sessions/")
    expect(page.get_by_role("heading", name="My sessions")).to_be_visible()
    axe_check(page, "uw-my-sessions-mobile")

    page.get_by_role("link", name="Finsbury Park clean-up").click()
    expect(page.get_by_role("heading", name="Register")).to_be_visible()
    axe_check(page, "uw-register-mobile")

    page.get_by_label("Attended and complied").check()
    page.get_by_label("Started (HH:MM)").fill("09:00")
    page.get_by_label("Finished (HH:MM)").fill("16:00")
    page.get_by_label("Penalty minutes").fill("30")
    with page.expect_navigation():
        page.get_by_role("button", name="Record").click()
    expect(page.get_by_text(f"Attended and complied recorded for {case.crn}")).to_be_visible()
    axe_check(page, "uw-register-recorded-mobile")

    desk = signed_in_page(officer, "uw-officer-home")
    desk.goto(f"{live_server.url}/cases/{case.crn}/timeline/")
    expect(
        desk.get_by_text("Unpaid work at Finsbury Park clean-up: Attended and complied").first
    ).to_be_visible()
    expect(desk.get_by_text("6.5 hours").first).to_be_visible()
    axe_check(desk, "uw-officer-timeline")
