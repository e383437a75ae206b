"""Issue-3 journeys in the browser: the officer's caseload and case, the SPO's
approval of a contact-level reduction, and an escalation reaching the SPO."""

import datetime

from playwright.sync_api import expect

from cases.models import ContactLevelStatus, Escalation
from cases.risk import contact_levels
from cases.risk import services as risk_services
from tests.e2e.conftest import deliver_outbox, fill_date_by_label, supervised_case


def test_an_officer_filters_the_caseload_opens_a_case_and_reads_the_tier(
    signed_in_page, axe_check, officer, team
):
    medium = supervised_case(officer, team, first_name="Maya", last_name="Medium")
    risk_services.risk_record(
        case=medium, by=officer, rosh_overall="medium", rsr_score=7.5, ogrs_score=60
    )
    low = supervised_case(officer, team, first_name="Lee", last_name="Low")
    risk_services.risk_record(case=low, by=officer, rosh_overall="low", ogrs_score=20)
    medium.refresh_from_db()
    low.refresh_from_db()
    assert medium.tier != low.tier

    page = signed_in_page(officer, "home-officer")
    page.get_by_role("link", name="My caseload").first.click()
    expect(page.get_by_role("heading", name="My caseload")).to_be_visible()
    axe_check(page, "caseload")
    expect(page.locator("table")).to_contain_text("Low, Lee")

    page.get_by_role("group", name="Tier").get_by_label(medium.tier, exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("table")).to_contain_text("Medium, Maya")
    expect(page.locator("table")).not_to_contain_text("Low, Lee")
    axe_check(page, "caseload-filtered")

    page.get_by_role("link", name="Medium, Maya").click()
    expect(page.locator(".moj-identity-bar")).to_contain_text(medium.crn)
    axe_check(page, "case-overview")

    page.get_by_role("link", name="Risk and tier").click()
    expect(page.get_by_text("How the tier was worked out")).to_be_visible()
    expect(page.locator("table", has_text="How the tier was worked out")).to_contain_text(
        "RSR 7.5%"
    )
    axe_check(page, "case-risk")


def test_an_spo_approves_a_contact_level_reduction(signed_in_page, axe_check, officer, spo, team):
    case = supervised_case(officer, team, first_name="Rae", last_name="Reduce")
    contact_levels.contact_level_change(
        case=case, by=officer, contacts=1, period_days=7, face_to_face=1, reason="Weekly to start"
    )
    risk_services.risk_record(case=case, by=officer, mappa_category=1, mappa_level=2)  # escalates
    pending = contact_levels.contact_level_change(
        case=case,
        by=officer,
        contacts=1,
        period_days=14,
        face_to_face=1,
        reason="Stable accommodation and working full time",
    )
    assert pending.status == ContactLevelStatus.AWAITING_APPROVAL

    page = signed_in_page(spo, "home-spo")
    page.get_by_role("link", name="Team caseload").first.click()
    expect(page.get_by_text("Contact level reductions waiting for approval")).to_be_visible()
    axe_check(page, "team-caseload-approval")

    page.get_by_role("link", name=case.crn).first.click()
    expect(page.get_by_text("Waiting for SPO approval")).to_be_visible()
    axe_check(page, "case-risk-pending-approval")
    page.get_by_label("Your note (needed to decline)").fill("Agreed: review in 4 weeks")
    page.get_by_role("button", name="Approve the reduction").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    axe_check(page, "case-risk-approved")

    pending.refresh_from_db()
    assert pending.status == ContactLevelStatus.ACTIVE
    assert pending.decided_by == spo


def test_an_escalation_reaches_the_spo_after_rosh_is_raised(
    signed_in_page, live_server, axe_check, officer, spo, team
):
    case = supervised_case(officer, team, first_name="Hal", last_name="High")

    officer_page = signed_in_page(officer, "home-officer-2")
    officer_page.goto(f"{live_server.url}/cases/{case.crn}/risk/")
    axe_check(officer_page, "officer-risk-before")
    officer_page.get_by_role("button", name="Record risk").click()
    axe_check(officer_page, "officer-record-risk")
    officer_page.get_by_role("group", name="Overall risk of serious harm").get_by_label(
        "High", exact=True
    ).check()
    fill_date_by_label(
        officer_page.get_by_role("group", name="Date RoSH was assessed"), datetime.date.today()
    )
    officer_page.get_by_role("button", name="Save risk").click()
    expect(officer_page.locator(".govuk-notification-banner--success")).to_contain_text("NPS")
    axe_check(officer_page, "officer-risk-escalated")
    assert Escalation.objects.filter(case=case, status="raised").exists()
    deliver_outbox()

    spo_page = signed_in_page(spo, "home-spo-2")
    spo_page.get_by_role("link", name="Inbox").first.click()
    expect(spo_page.locator("main")).to_contain_text(f"Risk of harm escalation: {case.crn}")
    axe_check(spo_page, "spo-inbox-escalation")
    spo_page.get_by_role("link", name="Team caseload").first.click()
    expect(spo_page.get_by_text("Risk of harm escalations")).to_be_visible()
    expect(spo_page.locator("main")).to_contain_text(case.crn)
    axe_check(spo_page, "spo-team-escalation")
