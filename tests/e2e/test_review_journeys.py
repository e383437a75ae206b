"""Issue-4 review journeys in the browser: a significant change reaches the SPO and
becomes a triggered review; a review shows what changed since the last one and will
not quietly repeat it. Screenshots are also kept under test-results/screenshots/reviews/."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import ReviewStatus
from cases.reviews import services as reviews_services
from cases.risk import services as risk_services
from tests.e2e.conftest import deliver_outbox, fill_date_by_label, supervised_case
from tests.factories import ContactFactory, ReviewFactory

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots" / "reviews"


@pytest.fixture
def case(officer, team):
    return supervised_case(officer, team, first_name="Wayne", last_name="Reed")


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_significant_change_reaches_the_spo_and_triggers_a_review(
    signed_in_page, live_server, axe_check, officer, spo, case
):
    # The officer records it on the case's Contacts tab.
    officer_page = signed_in_page(officer, "reviews-home-officer")
    officer_page.goto(f"{live_server.url}/cases/{case.crn}/contacts/")
    axe_check(officer_page, "reviews-officer-contacts")
    officer_page.get_by_role("button", name="Record a significant change").click()
    axe_check(officer_page, "reviews-officer-significant-change-form")
    officer_page.get_by_label("What kind of change?").select_option("injury")
    officer_page.get_by_label("Describe the change").fill(
        "Stabbed in the leg outside his flat; in hospital for two days"
    )
    fill_date_by_label(
        officer_page.get_by_role("group", name="When did it happen?"), timezone.localdate()
    )
    officer_page.get_by_role("button", name="Record the change").click()
    expect(officer_page.locator(".govuk-notification-banner--success")).to_be_visible()
    axe_check(officer_page, "reviews-officer-change-recorded")
    assert case.significant_changes.filter(category="injury", recorded_by=officer).exists()

    deliver_outbox()

    page = signed_in_page(spo, "reviews-home-spo")
    page.get_by_role("link", name="Inbox").first.click()
    expect(page.locator("main")).to_contain_text(f"Significant change: {case.crn}")
    axe_check(page, "reviews-spo-inbox")
    shot(page, "01-spo-inbox-significant-change")

    page.goto(f"{live_server.url}/cases/{case.crn}/reviews/")
    expect(page.locator("main")).to_contain_text("After a significant change")
    expect(page.locator("tbody")).to_contain_text("Due")
    axe_check(page, "reviews-tab-triggered")
    shot(page, "02-reviews-tab-triggered")

    page.get_by_role("button", name="Record management oversight").click()
    axe_check(page, "reviews-oversight-form")
    page.get_by_label("Management oversight").fill(
        "Discussed with the officer: review within 10 days, check the contact level."
    )
    page.get_by_role("button", name="Save the oversight").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("oversight")
    axe_check(page, "reviews-tab-oversight")
    shot(page, "03-reviews-tab-with-oversight")

    page.get_by_role("link", name="Timeline").click()
    expect(page.locator(".moj-timeline")).to_contain_text("Significant change: Injury")
    expect(page.locator(".moj-timeline")).to_contain_text("Management oversight")
    axe_check(page, "reviews-timeline")
    shot(page, "04-timeline")
    page.get_by_role("checkbox", name="Management oversight").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".moj-timeline")).not_to_contain_text("Significant change")
    axe_check(page, "reviews-timeline-filtered")
    shot(page, "05-timeline-filtered")


def test_a_review_shows_what_changed_since_the_last_one(
    signed_in_page, live_server, axe_check, officer, spo, case
):
    before = timezone.now() - dt.timedelta(weeks=10)
    ReviewFactory(
        case=case,
        kind="periodic",
        due_on=before.date(),
        status=ReviewStatus.COMPLETE,
        completed_at=before,
        completed_by=officer,
        compliance_and_engagement="Attends every week and engages well.",
        desistance_progress="Working as a labourer; stable.",
        risk_of_harm_change="No change in risk of harm.",
        persons_involvement="Took part in the office.",
        other_agencies="Police: no call-outs.",
        source_key="journey:last",
    )
    now = timezone.now()
    for days, outcome in ((30, "complied"), (23, "unacceptable_absence"), (9, "complied")):
        ContactFactory(
            case=case,
            contact_type="office",
            happened_at=now - dt.timedelta(days=days),
            outcome=outcome,
            recorded_by=officer,
            summary="Weekly appointment",
        )
    risk_services.risk_record(case=case, by=officer, rosh_overall="medium")
    reviews_services.significant_change_record(
        case=case,
        category="loss_of_accommodation",
        description="Evicted; sofa-surfing with a friend",
        occurred_on=timezone.localdate() - dt.timedelta(days=4),
        by=officer,
    )
    periodic = ReviewFactory(
        case=case,
        kind="periodic",
        due_on=timezone.localdate() - dt.timedelta(days=3),
        source_key="journey:due",
    )

    page = signed_in_page(officer, "reviews-home-officer")
    page.goto(f"{live_server.url}/cases/{case.crn}/reviews/")
    expect(page.locator("main")).to_contain_text("Overdue")
    axe_check(page, "reviews-tab-officer")
    shot(page, "06-reviews-tab-overdue")

    page.get_by_role("link", name="Complete the review (periodic review").click()
    summary = page.locator("#what-changed")
    expect(summary).to_contain_text("3 contact(s) recorded")
    expect(summary).to_contain_text("1 failure(s) to comply")
    expect(summary).to_contain_text("Evicted; sofa-surfing with a friend")
    expect(summary).to_contain_text("RoSH changed from not recorded to medium")
    axe_check(page, "reviews-complete-form")
    shot(page, "07-review-form-what-changed")

    page.get_by_label("Compliance and engagement").fill("One unacceptable absence; warned.")
    page.get_by_label("Progress towards desistance").fill("Lost his home; job at risk.")
    # Copied from the last review although the RoSH changed:
    page.get_by_label("Change in risk of harm").fill("No change in risk of harm.")
    page.get_by_label("The person's involvement in the review").fill("Reviewed together.")
    page.get_by_label("Information from other agencies").fill("Housing options referral made.")
    page.get_by_label("Re-apply the Grid to set the contact level").uncheck()
    page.get_by_role("button", name="Complete the review").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator("main")).to_contain_text("word for word the same as the last review")
    axe_check(page, "reviews-complete-repeated")
    shot(page, "08-review-form-repeated-warning")

    page.get_by_label("Nothing changed in this area despite the events above, because…").check()
    page.get_by_label("Why nothing changed in this area").fill(
        "The RoSH was first recorded, not raised: the risk is as before."
    )
    page.get_by_role("button", name="Complete the review").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("completed")
    axe_check(page, "reviews-tab-completed")
    page.get_by_text("Read the review of").first.click()
    shot(page, "09-reviews-tab-completed")
    periodic.refresh_from_db()
    assert periodic.status == ReviewStatus.COMPLETE
    assert periodic.changes_since_last["contacts"]["failures"] == 1
