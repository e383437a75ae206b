"""Issue 12's journey: the officer refers from a case using the Grid's suggestion; the
provider caseworker assigns the referral, books the initial assessment and submits an
action plan; the officer approves it; the caseworker records a session; the officer sees
the session on the case timeline. Every page axe-checked and photographed."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from crc.organisation.models import PartnerType, Role
from tests.e2e.conftest import fill_date
from tests.e2e.personas import PASSWORD, journey_staff
from tests.factories import (
    CaseFactory,
    CriminogenicNeedFactory,
    InterventionServiceFactory,
    InterventionSuggestionFactory,
    PartnerOrganisationFactory,
    PlanObjectiveFactory,
    RequirementFactory,
)


def test_a_referral_from_a_grid_suggestion_to_a_session_on_the_timeline(
    make_page, signed_in_page, live_server, sign_in, axe_check, officer, team
):
    case = CaseFactory(team=team, responsible_officer=officer, last_name="Referred")
    CriminogenicNeedFactory(case=case, need="alcohol", severity="standard")
    PlanObjectiveFactory(plan__case=case, need="alcohol", description="Drinks less")
    RequirementFactory(order__case=case, requirement_type="rar", length=10)
    InterventionSuggestionFactory(trigger="need", value="alcohol", intervention="Alcohol Toolkit")
    provider = PartnerOrganisationFactory(
        name="Change Grow Live", partner_type=PartnerType.INTERVENTION_PROVIDER
    )
    InterventionServiceFactory(name="Alcohol Toolkit", provider=provider, needs=["alcohol"])
    InterventionServiceFactory(name="Something else", provider=provider, needs=["ete"])
    caseworker = journey_staff(
        "casey", "Casey", "Worker", Role.PROVIDER_CASEWORKER, partner_organisation=provider
    )
    # Yesterday: a session cannot be recorded before it happens, and "today at 10:00"
    # is still to come when the suite runs in the small hours.
    yesterday = timezone.localdate() - dt.timedelta(days=1)

    # The officer refers from the case, choosing the Grid's suggestion.
    desk = make_page()
    sign_in(desk, live_server, officer, PASSWORD)
    desk.goto(f"{live_server.url}/cases/{case.crn}/")
    axe_check(desk, "iv-case-overview")
    desk.get_by_role("link", name="Interventions", exact=True).click()
    expect(desk.get_by_role("heading", name="RAR days")).to_be_visible()
    axe_check(desk, "iv-case-interventions")
    desk.get_by_role("button", name="Find a service and refer").click()
    expect(desk.get_by_text("The Grid suggests for this case")).to_be_visible()
    axe_check(desk, "iv-directory")
    desk.get_by_role("link", name="Refer to Alcohol Toolkit").click()
    expect(desk.get_by_label("Drinks less")).to_be_checked()
    axe_check(desk, "iv-refer")
    desk.get_by_label("Why this referral").fill("Drinks before offending.")
    desk.get_by_role("button", name="Send the referral").click()
    expect(desk.get_by_text("Referral sent to Alcohol Toolkit")).to_be_visible()
    axe_check(desk, "iv-officer-referral-sent")
    referral_url = desk.url

    # The provider caseworker picks it up, books the assessment, submits a plan.
    provider_page = signed_in_page(caseworker, "iv-provider-home-after-sign-in")
    provider_page.goto(f"{live_server.url}/interventions/provider/")
    axe_check(provider_page, "iv-provider-lists")
    provider_page.get_by_role("link", name=case.crn).click()
    axe_check(provider_page, "iv-provider-referral-unassigned")
    provider_page.get_by_role("button", name="Assign to me").click()
    expect(provider_page.get_by_text("Referral assigned to you")).to_be_visible()
    axe_check(provider_page, "iv-provider-referral-assigned")
    provider_page.get_by_role("button", name="Book the initial assessment").click()
    axe_check(provider_page, "iv-provider-appointment")
    fill_date(provider_page, "date", yesterday)
    provider_page.get_by_label("Time").fill("09:30")
    provider_page.get_by_label("Where (optional)").fill("Islington office")
    provider_page.get_by_role("button", name="Save the appointment").click()
    provider_page.get_by_role("button", name="Submit an action plan").click()
    axe_check(provider_page, "iv-provider-action-plan")
    provider_page.get_by_label("Activities").fill("Drink diary\nTriggers and cravings")
    provider_page.get_by_label("Number of sessions").fill("3")
    provider_page.get_by_role("button", name="Send to the probation officer").click()
    expect(provider_page.get_by_text("Awaiting approval")).to_be_visible()
    axe_check(provider_page, "iv-provider-plan-submitted")

    # The officer approves the plan.
    desk.goto(referral_url)
    axe_check(desk, "iv-officer-plan-to-approve")
    desk.get_by_role("button", name="Approve the action plan").click()
    expect(desk.get_by_text("Action plan approved")).to_be_visible()
    axe_check(desk, "iv-officer-plan-approved")

    # The caseworker records the first session, with a concern.
    provider_page.reload()
    provider_page.get_by_role("button", name="Record a session").click()
    axe_check(provider_page, "iv-provider-session-form")
    provider_page.get_by_role("button", name="Save the feedback").click()
    expect(provider_page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(provider_page, "iv-provider-session-errors")
    fill_date(provider_page, "date", yesterday)
    provider_page.get_by_label("Time").fill("10:00")
    provider_page.get_by_label("Attended", exact=True).check()
    provider_page.get_by_label("Summary of the session").fill("Started the drink diary.")
    provider_page.get_by_label("Concerns for the probation officer (optional)").fill(
        "Smelt of alcohol on arrival."
    )
    provider_page.get_by_role("button", name="Save the feedback").click()
    expect(provider_page.get_by_text("Session recorded")).to_be_visible()
    axe_check(provider_page, "iv-provider-session-recorded")

    # The officer sees the session on the timeline, and the RAR day credited.
    desk.goto(f"{live_server.url}/cases/{case.crn}/timeline/")
    expect(desk.get_by_text("Alcohol Toolkit session 1: attended")).to_be_visible()
    expect(desk.get_by_text("Concern raised by Alcohol Toolkit")).to_be_visible()
    axe_check(desk, "iv-officer-timeline")
    desk.goto(f"{live_server.url}/interventions/cases/{case.crn}/")
    expect(desk.get_by_text("In delivery")).to_be_visible()
    axe_check(desk, "iv-case-interventions-after")
