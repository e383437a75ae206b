"""Issue-4 journeys in the browser: an officer records a CRISSA contact with an
unacceptable absence and is led to the enforcement decision; after a warning, the
service centre finds the warning letter on its task list and marks it done."""

import datetime

import pytest
from playwright.sync_api import expect

from cases.models import (
    AttendanceOutcome,
    Contact,
    EnforcementAction,
    EnforcementStatus,
    ServiceCentreTask,
    TaskStatus,
)
from tests.e2e.conftest import fill_date
from tests.factories import CaseFactory, ContactFactory, OrderFactory


@pytest.fixture
def case(officer, team):
    case = CaseFactory(
        team=team, responsible_officer=officer, first_name="Dean", last_name="Absent"
    )
    OrderFactory(case=case, order_type="co")
    return case


def test_an_unacceptable_absence_leads_the_officer_to_the_enforcement_decision(
    signed_in_page, live_server, axe_check, officer, case
):
    page = signed_in_page(officer, "contacts-home-officer")
    page.goto(f"{live_server.url}/cases/{case.crn}/contacts/")
    expect(page.get_by_text("No failures to comply in the last 12 months")).to_be_visible()
    axe_check(page, "contacts-tab-empty")

    page.get_by_role("button", name="Record a contact").click()
    expect(page.get_by_role("heading", name="Record a contact")).to_be_visible()
    axe_check(page, "contact-new")

    page.get_by_label("Type of contact").select_option("office")
    fill_date(page, "date", datetime.date.today() - datetime.timedelta(days=1))
    page.get_by_label("Time").fill("10:30")
    page.get_by_label("Did not attend: unacceptable absence").check()
    page.get_by_label("Reason given for the absence").fill("Said he overslept.")
    page.get_by_role("button", name="Record the contact").click()

    expect(page.get_by_role("heading", name="Decide on enforcement")).to_be_visible()
    expect(page.get_by_text("1 failure to comply in the last 12 months")).to_be_visible()
    # A first failure: warning or breach action, the officer's choice.
    expect(page.get_by_label("Warning")).to_be_visible()
    expect(page.get_by_label("Breach action")).to_be_visible()
    axe_check(page, "enforcement-decide")

    contact = Contact.objects.get(case=case)
    assert contact.outcome == AttendanceOutcome.UNACCEPTABLE_ABSENCE
    assert page.url.endswith(f"/cases/{case.crn}/contacts/{contact.pk}/enforcement/")


def test_after_a_warning_the_service_centre_sends_the_letter(
    signed_in_page, live_server, axe_check, officer, service_centre, case
):
    failure = ContactFactory(
        case=case,
        contact_type="office",
        happened_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1),
        outcome=AttendanceOutcome.UNACCEPTABLE_ABSENCE,
        absence_reason="No contact; phone off.",
    )
    page = signed_in_page(officer, "warning-home-officer")
    page.goto(f"{live_server.url}/cases/{case.crn}/contacts/{failure.pk}/enforcement/")
    axe_check(page, "warning-enforcement-decide")
    page.get_by_label("Warning").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Decision recorded: warning.")).to_be_visible()
    axe_check(page, "warning-contacts-tab")

    desk = signed_in_page(service_centre, "warning-home-service-centre")
    desk.get_by_role("link", name="Tasks").first.click()
    expect(desk.get_by_role("heading", name="Tasks")).to_be_visible()
    row = desk.locator("tr", has_text=case.crn)
    expect(row).to_contain_text("Send a warning letter")
    axe_check(desk, "warning-task-list")

    row.get_by_role("button", name="Mark done").click()
    expect(desk.get_by_text(f"Marked done: send a warning letter for {case.crn}.")).to_be_visible()
    axe_check(desk, "warning-task-list-done")

    task = ServiceCentreTask.objects.get(case=case)
    assert task.status == TaskStatus.DONE
    assert task.completed_by == service_centre
    assert EnforcementAction.objects.get(failure=failure).status == EnforcementStatus.DONE
