"""A quality and performance manager draws a sample, answers two cases and reads the
ratings table (issue 13's second journey): every page axe-checked."""

import datetime as dt
import importlib

from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from crc.dashboards.models import KeyQuestion
from crc.organisation.models import Role
from tests.e2e.personas import journey_staff
from tests.factories import CaseFactory, OrderFactory


def _key_questions() -> None:
    """A transactional test flushes the rows the data migration seeded: put them back."""
    if not KeyQuestion.objects.exists():
        migration = importlib.import_module("crc.dashboards.migrations.0002_reference_data")
        migration.seed(apps, None)


def _answer_case(page, axe_check, sample_link: str, *, no: tuple[str, ...] = ()) -> None:
    page.get_by_role("link", name=sample_link).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Case")
    axe_check(page, f"audit-case-{sample_link.split()[-1]}")
    for radio in page.locator("input[type=radio][value=yes]").all():
        radio.check()
    for code in no:
        page.locator(f"input[name=q_{code.replace('.', '_')}][value=no]").check()
    page.locator("input[name=q_2_1_3][value=na]").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save answers").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("saved")


def test_a_quality_manager_draws_a_sample_answers_two_cases_and_reads_the_ratings(
    signed_in_page, axe_check, officer, team
):
    _key_questions()
    qpm = journey_staff("quinn", "Quinn", "Quality", Role.QUALITY_PERFORMANCE_MANAGER)
    began = timezone.localdate() - dt.timedelta(days=200)  # about 6½ months ago
    for case in CaseFactory.create_batch(3, team=team, responsible_officer=officer):
        OrderFactory(case=case, start_date=began, sentence_date=began)
    page = signed_in_page(qpm, "home-qpm")

    page.get_by_role("link", name="Quality audits").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quality audits")
    axe_check(page, "audits-list")

    page.get_by_label("Title of the audit").fill("Islington, November")
    with page.expect_navigation():
        page.get_by_role("button", name="Draw the sample").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Islington, November")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("3 of 3 eligible cases")
    axe_check(page, "audit-sample")

    answer_links = page.get_by_role("link", name="Answer")
    first, second = answer_links.nth(0).inner_text(), answer_links.nth(1).inner_text()
    _answer_case(page, axe_check, first)
    _answer_case(page, axe_check, second, no=("2.2.1",))
    expect(page.get_by_role("cell", name="All 19")).to_have_count(2)

    page.get_by_role("link", name="Ratings: the Annex 2 table").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ratings")
    summary = page.locator("#summary")
    # 2.2.1: one yes of two (50%), Requires improvement; 2.1's risk question is "not
    # applicable" for both, so 2.1 is Outstanding on the other two questions.
    expect(summary.get_by_role("row", name="2.2 Planning")).to_contain_text("Requires improvement")
    expect(summary.get_by_role("row", name="2.1 Assessment")).to_contain_text("Outstanding")
    axe_check(page, "audit-ratings")
