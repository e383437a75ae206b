"""The main forms completed with the keyboard alone (WCAG 2.2 2.1.1, 2.4.7, 2.4.11):
record a contact, record risk, complete a review, mark an unpaid work session's register
(on a phone). No click after the page opens: the focus moves with Tab, choices with Space
and the arrow keys, the form is sent with Enter, and every control shows its focus ring
when reached."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import AttendanceOutcome, Contact, ReviewStatus
from crc.organisation.models import Role
from tests.e2e.conftest import supervised_case
from tests.e2e.keyboard import (
    choose_option,
    choose_radio,
    press_button,
    set_checkbox,
    type_date,
    type_into,
)
from tests.e2e.personas import PASSWORD, journey_staff
from tests.factories import (
    AttendanceFactory,
    CaseFactory,
    ProjectFactory,
    ProjectSessionFactory,
    ReviewFactory,
    UnpaidWorkOrderFactory,
)
from unpaidwork.models import Outcome


@pytest.fixture
def case(officer, team):
    return supervised_case(officer, team, first_name="Kim", last_name="Keys")


def test_record_a_contact_with_the_keyboard(signed_in_page, live_server, axe_check, officer, case):
    page = signed_in_page(officer, "keyboard-home")
    page.goto(f"{live_server.url}/cases/{case.crn}/contacts/new/")
    axe_check(page, "keyboard-contact-form")

    choose_option(page, page.get_by_label("Type of contact"), "office")
    type_date(
        page,
        page.get_by_role("group", name="Date of the contact"),
        timezone.localdate() - dt.timedelta(days=1),
    )
    type_into(page, page.get_by_label("Time", exact=True), "10:30")
    choose_radio(page, page.get_by_role("group", name="What happened?"), "Attended and complied")
    type_into(page, page.get_by_label("Check in"), "Settled; new job starts Monday.")
    type_into(page, page.get_by_label("Summary"), "Doing well; no concerns.")
    type_into(page, page.get_by_label("Set tasks"), "Bring the payslip next time.")
    press_button(page, page.get_by_role("button", name="Record the contact"))

    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    axe_check(page, "keyboard-contact-recorded")
    contact = Contact.objects.get(case=case)
    assert contact.outcome == AttendanceOutcome.ATTENDED_COMPLIED
    assert contact.set_tasks == "Bring the payslip next time."


def test_record_risk_with_the_keyboard(signed_in_page, live_server, axe_check, officer, case):
    page = signed_in_page(officer, "keyboard-home-risk")
    page.goto(f"{live_server.url}/cases/{case.crn}/risk/edit/")
    axe_check(page, "keyboard-risk-form")

    choose_radio(page, page.get_by_role("group", name="Overall risk of serious harm"), "Medium")
    type_date(page, page.get_by_role("group", name="Date RoSH was assessed"), timezone.localdate())
    type_into(page, page.get_by_label("OGRS score (optional)"), "42")
    set_checkbox(page, page.get_by_label("integrated offender management"), True)
    press_button(page, page.get_by_role("button", name="Save risk"))

    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    axe_check(page, "keyboard-risk-saved")
    case.refresh_from_db()
    assert case.rosh_overall == "medium"
    assert case.ogrs_score == 42
    assert case.iom_nominal is True


def test_complete_a_review_with_the_keyboard(signed_in_page, live_server, axe_check, officer, case):
    review = ReviewFactory(
        case=case, kind="periodic", due_on=timezone.localdate() - dt.timedelta(days=2)
    )
    page = signed_in_page(officer, "keyboard-home-review")
    page.goto(f"{live_server.url}/cases/{case.crn}/reviews/{review.pk}/complete/")
    axe_check(page, "keyboard-review-form")

    type_into(page, page.get_by_label("Compliance and engagement"), "Attending; engaged.")
    type_into(page, page.get_by_label("Progress towards desistance"), "Working full time.")
    type_into(page, page.get_by_label("Change in risk of harm"), "Lower: stable home and job.")
    type_into(page, page.get_by_label("The person's involvement in the review"), "Agreed it.")
    type_into(page, page.get_by_label("Information from other agencies"), "Police: no calls.")
    set_checkbox(page, page.get_by_label("Re-apply the Grid to set the contact level"), False)
    press_button(page, page.get_by_role("button", name="Complete the review"))

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("completed")
    axe_check(page, "keyboard-review-completed")
    review.refresh_from_db()
    assert review.status == ReviewStatus.COMPLETE
    assert review.completed_by == officer


def test_mark_a_session_register_with_the_keyboard(
    mobile_page, live_server, sign_in, axe_check, officer, team
):
    supervisor = journey_staff("kay", "Kay", "Supervisor", Role.UNPAID_WORK_SUPERVISOR)
    project = ProjectFactory(name="Canal towpath", supervisor=supervisor)
    session = ProjectSessionFactory(
        project=project, date=timezone.localdate(), starts_at=dt.time(0, 0), ends_at=dt.time(23, 59)
    )
    case = CaseFactory(team=team, responsible_officer=officer, first_name="Rob", last_name="Reg")
    attendance = AttendanceFactory(
        session=session, order=UnpaidWorkOrderFactory(requirement__order__case=case)
    )
    page = mobile_page
    sign_in(page, live_server, supervisor, PASSWORD)
    axe_check(page, "keyboard-supervisor-home")
    page.goto(f"{live_server.url}/unpaid-work/sessions/{session.pk}/")
    axe_check(page, "keyboard-register")

    outcome = page.get_by_label("Attended and complied").locator("xpath=ancestor::fieldset[1]")
    choose_radio(page, outcome, "Attended and complied")
    type_into(page, page.get_by_label("Started (HH:MM)"), "09:00")
    type_into(page, page.get_by_label("Finished (HH:MM)"), "15:00")
    press_button(page, page.get_by_role("button", name="Record"))

    expect(page.get_by_text(f"Attended and complied recorded for {case.crn}")).to_be_visible()
    axe_check(page, "keyboard-register-recorded")
    attendance.refresh_from_db()
    assert attendance.outcome == Outcome.COMPLIED
