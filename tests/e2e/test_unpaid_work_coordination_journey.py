"""Unpaid work coordination in the browser: a member of the public nominates work with
no sign-in; the coordinator accepts it as a project, then inducts a person (ETE referral
for the unemployed), is refused an unsuitable placement with the reasons, places them and
schedules a session. Every page axe-checked and screenshotted."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from crc.organisation.models import Role
from tests.e2e.conftest import fill_date_by_label
from tests.e2e.personas import journey_staff
from tests.factories import (
    CaseFactory,
    OrderFactory,
    ProjectFactory,
    ProjectSessionFactory,
    RequirementFactory,
)
from unpaidwork import services


def test_the_public_nominates_and_the_coordinator_runs_an_order(
    make_page, signed_in_page, live_server, axe_check, officer, team
):
    page = make_page()
    page.goto(f"{live_server.url}/unpaid-work/nominate/")
    axe_check(page, "uw-nominate")
    page.get_by_role("button", name="Send your suggestion").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page, "uw-nominate-errors")
    page.get_by_label("Your name").fill("Pat Resident")
    page.get_by_label("Your email address").fill("pat@example.org")
    page.get_by_label("London borough").fill("Hackney")
    page.get_by_label("Where is the work?").fill("The alley behind Mare Street")
    page.get_by_label("What needs doing?").fill("Clear rubbish, paint over graffiti")
    page.get_by_role("button", name="Send your suggestion").click()
    expect(page.get_by_role("heading", name="Suggestion sent")).to_be_visible()
    axe_check(page, "uw-nominate-thanks")

    coordinator = journey_staff("cora", "Cora", "Coordinator", Role.UNPAID_WORK_COORDINATOR)
    case = CaseFactory(team=team, responsible_officer=officer, employment_status="unemployed")
    order = OrderFactory(case=case)
    requirement = RequirementFactory(order=order, requirement_type="unpaid_work", length=100)
    uw_order = services.unpaid_work_order_open(requirement=requirement, by=coordinator)
    area = team.office.area
    ProjectFactory(name="Primary school garden", area=area, near_children=True, women_only=True)
    suitable = ProjectFactory(name="Canal towpath", area=area)
    ProjectSessionFactory(project=suitable, date=timezone.localdate() + dt.timedelta(days=2))

    page = signed_in_page(coordinator, "uw-coordinator-home")

    page.goto(f"{live_server.url}/unpaid-work/nominations/")
    axe_check(page, "uw-nominations")
    page.get_by_role("link", name="The alley behind Mare Street").click()
    axe_check(page, "uw-nomination-review")
    page.get_by_label("Project name").fill("Mare Street clean-up")
    page.get_by_label("Area").select_option(str(area.pk))
    page.get_by_role("button", name="Accept and create the project").click()
    expect(page.get_by_role("heading", name="Mare Street clean-up")).to_be_visible()
    axe_check(page, "uw-project-from-nomination")

    page.goto(f"{live_server.url}/unpaid-work/orders/")
    axe_check(page, "uw-orders")
    page.get_by_role("link", name=f"{case.last_name}, {case.first_name}").click()
    axe_check(page, "uw-order-awaiting-induction")
    fill_date_by_label(page, timezone.localdate())
    page.get_by_label("Time (HH:MM)").fill("10:00")
    page.get_by_role("button", name="Book the induction").click()
    axe_check(page, "uw-order-induction-booked")
    page.get_by_label("Yes").check()
    page.get_by_label("I checked the person understands").check()
    page.get_by_label("How did the person show they understood?").fill(
        "Explained the absence rules back in their own words"
    )
    page.get_by_role("button", name="Record the induction").click()
    expect(page.get_by_text("automatically: unemployed at the start")).to_be_visible()
    axe_check(page, "uw-order-inducted")

    page.get_by_label("Project").select_option(label="Primary school garden (Islington)")
    page.get_by_label("Why does this placement suit the person?").fill("Near home")
    page.get_by_role("button", name="Place on the project").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("for women only")
    axe_check(page, "uw-order-allocation-refused")
    page.get_by_label("Project").select_option(label="Canal towpath (Islington)")
    page.get_by_label("Why does this placement suit the person?").fill("Near home")
    page.get_by_role("button", name="Place on the project").click()
    expect(page.get_by_text("Placed on Canal towpath")).to_be_visible()
    axe_check(page, "uw-order-placed")
    page.get_by_label("Session").select_option(index=1)
    page.get_by_role("button", name="Schedule").click()
    expect(page.get_by_text("Expected at the session")).to_be_visible()
    axe_check(page, "uw-order-scheduled")
    uw_order.refresh_from_db()
    assert uw_order.attendances.count() == 1
