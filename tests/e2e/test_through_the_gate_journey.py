"""Through the Gate (issue 11), in the browser: a resettlement worker screens a new
reception across the seven pathways and the risk of harm on release, and builds the
plan; the community officer sees "release in 6 weeks, no contact yet" on the home page
and the case, and records a pre-release contact that clears it. Every page axe-checked."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from crc.organisation.models import PartnerType, Role
from resettlement import services
from resettlement.models import Pathway, PlanStatus, Prison
from tests.e2e.conftest import fill_date
from tests.e2e.personas import PASSWORD, journey_staff
from tests.factories import CaseFactory, PartnerOrganisationFactory


def a_prison() -> Prison:
    # Seeded by a data migration, but a transactional test may run after a flush.
    prison = Prison.objects.filter(code="PVI").first()
    if prison is None:
        partner = PartnerOrganisationFactory(
            name="HMP Pentonville", partner_type=PartnerType.PRISON
        )
        prison = Prison.objects.create(
            name="HMP Pentonville", code="PVI", kind="men", partner=partner
        )
    return prison


def warm_up(page, live_server) -> None:
    """The live server's first page can take more than the 10-second timeout on a busy
    machine; a plain request (no navigation, nothing to axe-check) pays that first."""
    page.request.get(f"{live_server.url}/login/", timeout=120_000)


def test_a_worker_screens_and_plans_and_the_officer_makes_contact_before_release(
    make_page, live_server, sign_in, axe_check, officer, team
):
    prison = a_prison()
    worker = journey_staff(
        "rae", "Rae", "Worker", Role.RESETTLEMENT_WORKER, partner_organisation=prison.partner
    )
    case = CaseFactory(team=team, responsible_officer=officer, last_name="Reception")
    today = timezone.localdate()
    # A new reception, as the prison posts it through the API: release in 6 weeks.
    episode = services.episode_open(
        case=case,
        by=None,
        prison=prison,
        reception_date=today - dt.timedelta(days=1),
        expected_release_date=today + dt.timedelta(days=40),
        release_kind="licence",
        resettlement_worker=worker,
    )

    # --- The resettlement worker screens the new reception -------------------------------
    page = make_page()
    warm_up(page, live_server)
    sign_in(page, live_server, worker, PASSWORD)
    axe_check(page, "ttg-home-worker")
    page.get_by_role("link", name="Resettlement caseload").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe_check(page, "ttg-caseload")
    page.get_by_role("link", name=f"{case.last_name}, {case.first_name}").click()
    expect(page.get_by_role("heading", name=f"In custody at {prison.name}")).to_be_visible()
    axe_check(page, "ttg-episode-new")

    for value, label in Pathway.choices:
        page.get_by_role("link", name=f"Screen {label}").click()
        axe_check(page, f"ttg-screening-{value}")
        answer = "Support required" if value == "accommodation" else "Support not required"
        page.get_by_label(answer, exact=True).check()
        page.get_by_label("The person's own view of their needs").fill(f"Own view on {label}")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text(f"{label}: screening saved.")).to_be_visible()

    page.get_by_role("link", name="Record risk of harm on release").click()
    axe_check(page, "ttg-risk-of-harm")
    page.get_by_label("Who may be at risk on release").fill("Former partner and her children")
    page.get_by_label("What the plan does about it").fill("Exclusion zone and non-contact")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Complete the screening").click()
    expect(page.get_by_text("Screening complete.")).to_be_visible()

    # ... and builds the plan, which cannot be completed without its risk of harm.
    page.get_by_role("link", name="Add an action").click()
    axe_check(page, "ttg-plan-action-new")
    page.get_by_label("Pathway").select_option("accommodation")
    page.get_by_label("Action").fill("Refer to the council for an approved premises place")
    page.get_by_label("Resettlement provider").check()
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_text("Action added to the plan.")).to_be_visible()
    page.get_by_role("link", name="Update Refer to the council").click()
    axe_check(page, "ttg-plan-action-edit")
    page.get_by_label("In progress").check()
    page.get_by_role("button", name="Save the action").click()
    page.get_by_role("button", name="Complete the plan").click()
    expect(page.get_by_text("Plan complete.")).to_be_visible()
    expect(page.get_by_text("Status: Complete")).to_be_visible()
    axe_check(page, "ttg-episode-planned")
    episode.plan.refresh_from_db()
    assert episode.plan.status == PlanStatus.COMPLETE

    # --- The community officer sees the alert and makes contact --------------------------
    page = make_page()
    sign_in(page, live_server, officer, PASSWORD)
    expect(page.get_by_text("Release in 6 weeks, no contact yet")).to_be_visible()
    axe_check(page, "ttg-home-officer-alert")
    page.get_by_role("link", name=case.crn).first.click()
    expect(page.get_by_role("heading", name="Record a pre-release contact")).to_be_visible()
    axe_check(page, "ttg-pre-release-contact")
    page.get_by_label("Video call").check()
    fill_date(page, "date", today - dt.timedelta(days=1))
    page.get_by_label("Time").fill("10:30")
    page.get_by_label("Summary").fill("Introduced myself; talked through licence and housing.")
    page.get_by_role("button", name="Record the contact").click()
    expect(page.get_by_text("Pre-release contact recorded.")).to_be_visible()
    axe_check(page, "ttg-in-custody-after-contact")
    expect(page.get_by_text("no contact yet")).to_have_count(0)

    page.goto(f"{live_server.url}/")
    expect(page.get_by_text("Release in 6 weeks, no contact yet")).to_have_count(0)
    axe_check(page, "ttg-home-officer-cleared")


def test_the_officer_prepares_the_release(
    make_page, live_server, sign_in, axe_check, officer, team
):
    prison = a_prison()
    case = CaseFactory(team=team, responsible_officer=officer, last_name="Leaving")
    today = timezone.localdate()
    release_day = today + dt.timedelta(days=10)
    while release_day.weekday() >= 5:  # a weekday: the office is open for the appointment
        release_day += dt.timedelta(days=1)
    episode = services.episode_open(
        case=case,
        by=None,
        prison=prison,
        reception_date=today - dt.timedelta(days=200),
        expected_release_date=release_day,
        release_kind="licence",
    )
    page = make_page()
    warm_up(page, live_server)
    sign_in(page, live_server, officer, PASSWORD)
    axe_check(page, "ttg-home-officer")
    page.goto(f"{live_server.url}/resettlement/cases/{case.crn}/")
    axe_check(page, "ttg-episode-officer")

    page.get_by_role("link", name="Update the release checklist").click()
    axe_check(page, "ttg-checklist")
    page.get_by_label("Accommodation on release is confirmed").check()
    page.get_by_label("Address they will live at").fill("Approved premises, 1 High Street")
    page.get_by_label("The licence conditions are known").check()
    page.get_by_role("button", name="Save the checklist").click()
    expect(page.get_by_text("Release checklist saved.")).to_be_visible()

    page.get_by_role("link", name="Book the first community appointment").click()
    axe_check(page, "ttg-first-appointment")
    page.get_by_label("Time").fill("10:00")
    page.get_by_label("Where").fill("Islington office")
    page.get_by_role("button", name="Book the appointment").click()
    expect(page.get_by_text("First appointment booked.")).to_be_visible()

    page.get_by_role("link", name="Record the handover to community providers").click()
    axe_check(page, "ttg-handover")
    page.get_by_role("button", name="Record the handover").click()
    expect(page.get_by_text("Say which community providers took over").first).to_be_visible()
    axe_check(page, "ttg-handover-errors")
    page.get_by_label("Community providers handed over to").fill("St Mungo's housing team")
    page.get_by_label("What was handed over").fill("The plan and its risk-of-harm section")
    page.get_by_role("button", name="Record the handover").click()
    expect(page.get_by_text("Handover recorded.")).to_be_visible()
    axe_check(page, "ttg-episode-ready")
    episode.checklist.refresh_from_db()
    assert episode.checklist.accommodation_confirmed
    assert episode.checklist.first_appointment is not None
    assert episode.checklist.handover_to == "St Mungo's housing team"
