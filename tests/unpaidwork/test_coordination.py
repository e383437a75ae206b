"""The placement coordinator's pages: open orders, induction (understanding checked; an
ETE referral for the unemployed), allocation (refusals as form errors, stale pages
refused), scheduling within capacity, and the review of community nominations."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases.models import EmploymentStatus
from crc.access.models import AccessKind, AccessLog
from crc.organisation.models import Role
from tests.conftest import sign_in
from tests.factories import (
    CaseFactory,
    NominationFactory,
    ProjectFactory,
    ProjectSessionFactory,
    StaffFactory,
)
from tests.unpaidwork.conftest import inducted, open_order
from unpaidwork import services
from unpaidwork.models import (
    EteReferral,
    InductionStatus,
    Nomination,
    NominationStatus,
    Placement,
    Project,
    UnpaidWorkStatus,
)

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def order_url(order, name="coordination_order"):
    return reverse(f"unpaidwork:{name}", args=[order.pk])


def test_the_coordinator_lists_open_orders_in_fixed_queries(
    coordinator, uw_order, team_a, django_assert_max_num_queries
):
    for _ in range(3):
        open_order(CaseFactory(team=team_a), coordinator)
    client = client_for(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("unpaidwork:coordination_orders"))
    assert response.status_code == 200
    assert uw_order.case.crn in response.content.decode()


def test_only_the_coordinator_opens_an_order(uw_order, supervisor, officer):
    for user in (supervisor, officer):
        assert client_for(user).get(order_url(uw_order)).status_code == 404


def test_opening_an_order_logs_a_view_of_the_case(
    coordinator, uw_order, django_assert_max_num_queries
):
    client = client_for(coordinator)
    with django_assert_max_num_queries(30):
        assert client.get(order_url(uw_order)).status_code == 200
    row = AccessLog.objects.get(case_id=uw_order.case_id)
    assert (row.kind, row.staff) == (AccessKind.VIEW, coordinator)


def book(client, order):
    on = timezone.localdate()
    return client.post(
        order_url(order, "coordination_induction_book"),
        {"on_day": on.day, "on_month": on.month, "on_year": on.year, "starts_at": "10:00"},
    )


def test_booking_and_recording_an_induction_refers_the_unemployed_for_ete(coordinator, uw_order):
    case = uw_order.case
    case.employment_status = EmploymentStatus.UNEMPLOYED
    case.save()
    client = client_for(coordinator)
    assert book(client, uw_order).status_code == 302
    response = client.post(
        order_url(uw_order, "coordination_induction_record"),
        {
            "version": uw_order.version,
            "attended": "yes",
            "understanding_checked": "on",
            "understanding_notes": "Explained the absence rules back",
        },
    )
    assert response.status_code == 302
    uw_order.refresh_from_db()
    assert uw_order.status == UnpaidWorkStatus.ACTIVE
    assert EteReferral.objects.get(order=uw_order).automatic


def test_an_induction_without_understanding_checked_is_refused_with_the_reason(
    coordinator, uw_order
):
    client = client_for(coordinator)
    book(client, uw_order)
    response = client.post(
        order_url(uw_order, "coordination_induction_record"),
        {"version": uw_order.version, "attended": "yes"},
    )
    assert response.status_code == 200
    assert "Check the person understands" in response.content.decode()
    assert uw_order.inductions.get().status == InductionStatus.BOOKED


def allocate(client, order, project, version=None):
    return client.post(
        order_url(order, "coordination_allocate"),
        {"version": version or order.version, "project": project.pk, "reason": "Near home"},
    )


def test_an_unsuitable_allocation_shows_each_reason_as_an_error(coordinator, working_order, area):
    working_order.no_work_near_children = True
    working_order.save()
    project = ProjectFactory(area=area, near_children=True, women_only=True)
    response = allocate(client_for(coordinator), working_order, project)
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "must not work near children" in page
    assert "for women only" in page
    assert not Placement.objects.filter(order=working_order).exists()


def test_a_suitable_allocation_places_the_person_and_a_stale_page_is_refused(
    coordinator, working_order, project, area
):
    client = client_for(coordinator)
    read_at = working_order.version
    assert allocate(client, working_order, project, read_at).status_code == 302
    assert Placement.objects.get(order=working_order, ended_at__isnull=True).project == project
    other = ProjectFactory(area=area)
    response = allocate(client, working_order, other, read_at)
    assert response.status_code == 200
    assert "Someone else saved a change" in response.content.decode()
    assert Placement.objects.get(order=working_order, ended_at__isnull=True).project == project


def test_the_coordinator_schedules_within_capacity(coordinator, placed_order, project, team_a):
    session = ProjectSessionFactory(project=project, capacity=1)
    client = client_for(coordinator)
    url = order_url(placed_order, "coordination_schedule")
    assert client.post(url, {"session": session.pk}).status_code == 302
    assert session.attendances.filter(order=placed_order).exists()
    second = inducted(open_order(CaseFactory(team=team_a), coordinator), coordinator)
    services.placement_allocate(order=second, project=project, by=coordinator, reason="Near")
    response = client.post(order_url(second, "coordination_schedule"), {"session": session.pk})
    assert response.status_code == 200
    assert "full (1 places)" in response.content.decode()
    assert session.attendances.count() == 1


def test_accepting_a_nomination_creates_the_project(coordinator, area):
    nomination = NominationFactory()
    client = client_for(coordinator)
    assert client.get(reverse("unpaidwork:nominations")).status_code == 200
    response = client.post(
        reverse("unpaidwork:nomination_review", args=[nomination.pk]),
        {
            "decision": "accept",
            "name": "Mare Street clean-up",
            "kind": "group",
            "project_type": "environmental",
            "area": area.pk,
            "capacity_per_session": 6,
        },
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ACCEPTED
    assert nomination.project.name == "Mare Street clean-up"


def test_a_rejection_needs_a_reason(coordinator):
    nomination = NominationFactory()
    url = reverse("unpaidwork:nomination_review", args=[nomination.pk])
    client = client_for(coordinator)
    response = client.post(url, {"decision": "reject", "reason": ""})
    assert response.status_code == 200
    assert "Say why it is rejected" in response.content.decode()
    assert client.post(url, {"decision": "reject", "reason": "Private land"}).status_code == 302
    assert Nomination.objects.get().status == NominationStatus.REJECTED
    assert not Project.objects.exists()


def test_nobody_but_the_coordinator_reviews_nominations(officer):
    supervisor = StaffFactory(role=Role.UNPAID_WORK_SUPERVISOR, team=None)
    nomination = NominationFactory()
    for user in (officer, supervisor):
        client = client_for(user)
        assert client.get(reverse("unpaidwork:nominations")).status_code == 404
        url = reverse("unpaidwork:nomination_review", args=[nomination.pk])
        assert client.post(url, {"decision": "reject", "reason": "x"}).status_code == 404
    assert Nomination.objects.get().status == NominationStatus.SUBMITTED


# --- The public form ----------------------------------------------------------------------

NOMINATE = "/unpaid-work/nominate/"


def nomination(**extra):
    return {
        "nominator_name": "Pat Resident",
        "nominator_email": "pat@example.org",
        "borough": "Hackney",
        "location": "The alley behind Mare Street",
        "description": "Rubbish and graffiti",
        **extra,
    }


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_the_public_nominates_without_signing_in():
    client = Client()
    assert client.get(NOMINATE).status_code == 200
    response = client.post(NOMINATE, nomination())
    assert response.status_code == 302
    assert response["Location"] == "/unpaid-work/nominate/thanks/"
    assert client.get(response["Location"]).status_code == 200
    stored = Nomination.objects.get()
    assert (stored.status, stored.borough) == (NominationStatus.SUBMITTED, "Hackney")


def test_bad_input_is_a_clear_error_and_nothing_is_stored():
    response = Client().post(NOMINATE, nomination(nominator_email="not-an-email", location=""))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter an email address like name@example.com" in page
    assert "govuk-error-summary" in page
    assert not Nomination.objects.exists()


def test_a_filled_honeypot_stores_nothing_and_looks_like_success():
    response = Client().post(NOMINATE, nomination(website="http://spam.example"))
    assert response.status_code == 302
    assert not Nomination.objects.exists()


def test_one_address_is_limited_per_hour(settings):
    client = Client()
    for _ in range(5):
        assert client.post(NOMINATE, nomination()).status_code == 302
    response = client.post(NOMINATE, nomination())
    assert response.status_code == 429
    assert "Try again later" in response.content.decode()
    assert Nomination.objects.count() == 5
    # Another address is not held back by the first.
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(NOMINATE, nomination()).status_code == 302


def test_the_nomination_pages_run_in_fixed_queries(coordinator, django_assert_max_num_queries):
    nominations = NominationFactory.create_batch(4)
    client = client_for(coordinator)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("unpaidwork:nominations")).status_code == 200
    url = reverse("unpaidwork:nomination_review", args=[nominations[0].pk])
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_a_nomination_reviewed_since_the_page_was_read_is_refused(coordinator, area):
    from crc.stale import version_token

    nomination = NominationFactory()
    read_at = version_token(services.nomination_state(nomination))
    services.nomination_reject(nomination=nomination, by=coordinator, reason="Private land")
    response = client_for(coordinator).post(
        reverse("unpaidwork:nomination_review", args=[nomination.pk]),
        {
            "decision": "accept",
            "version": read_at,
            "name": "Mare Street clean-up",
            "kind": "group",
            "project_type": "environmental",
            "area": area.pk,
            "capacity_per_session": 6,
        },
    )
    assert response.status_code == 200
    assert "Someone else saved a change to this nomination" in response.content.decode()
    assert not Project.objects.exists()


def test_the_public_form_reads_almost_nothing(django_assert_max_num_queries):
    client = Client()
    with django_assert_max_num_queries(3):
        assert client.get(NOMINATE).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.post(NOMINATE, nomination()).status_code == 302
