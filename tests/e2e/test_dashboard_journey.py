"""An SPO opens the team dashboard, drills into overdue reviews and opens a case: every
page axe-checked (issue 13's first journey)."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import CaseFactory, ReviewFactory


def test_an_spo_drills_from_overdue_reviews_to_the_case(
    signed_in_page, axe_check, officer, spo, team
):
    case = CaseFactory(team=team, responsible_officer=officer, last_name="Overdue")
    ReviewFactory(case=case, due_on=timezone.localdate() - dt.timedelta(days=3))
    CaseFactory.create_batch(3, team=team, responsible_officer=officer)
    page = signed_in_page(spo, "home-spo-dashboard")

    page.get_by_role("link", name="Dashboards").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe_check(page, "dashboards-spo")

    page.get_by_role("link", name="Reviews overdue").click()
    expect(page.get_by_role("link", name=case.crn).or_(page.get_by_text(case.crn))).to_be_visible()
    axe_check(page, "dashboards-drill-down-reviews-overdue")

    page.locator(f"a[href='/cases/{case.crn}/']").first.click()
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    axe_check(page, "dashboards-case-overview")
