"""A stale save in the browser: two officers edit the same person's details; the
second is refused on a page that shows what is saved now and keeps their answers."""

from playwright.sync_api import expect

from cases.models import Case
from cases.record import services as record_services
from tests.factories import CaseFactory


def test_the_second_of_two_officers_saving_personal_details_sees_what_is_saved_now(
    signed_in_page, live_server, axe_check, officer, team
):
    case = CaseFactory(team=team, responsible_officer=officer, phone="0700 900 000")
    page = signed_in_page(officer, "home-officer-stale")
    page.goto(f"{live_server.url}/cases/{case.crn}/edit/")
    axe_check(page, "person-edit")

    # A colleague saves a new phone number while this page is open.
    record_services.case_update_person(case=case, by=officer, phone="0700 900 111")

    page.get_by_label("Phone (optional)").fill("0700 900 222")
    page.get_by_role("button", name="Save personal details").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator("#stale-save")).to_contain_text("0700 900 111")
    expect(page.get_by_label("Phone (optional)")).to_have_value("0700 900 222")
    axe_check(page, "person-edit-stale")

    assert Case.objects.get(pk=case.pk).phone == "0700 900 111"
