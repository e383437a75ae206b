"""The supervisor's sessions and register, and the coordinator's projects."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from crc.organisation.models import Role
from tests.conftest import sign_in
from tests.factories import ProjectSessionFactory, StaffFactory
from unpaidwork import session_services
from unpaidwork.models import Outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(project):
    return ProjectSessionFactory(project=project)


@pytest.fixture
def expected(placed_order, session, coordinator):
    return session_services.session_schedule(session=session, order=placed_order, by=coordinator)


def client_for(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def after(session):
    return time_machine.travel(
        dt.datetime.combine(session.date, dt.time(17, 0), tzinfo=dt.UTC), tick=False
    )


def test_a_supervisor_lists_their_upcoming_sessions(supervisor, session):
    response = client_for(supervisor).get(reverse("unpaidwork:my_sessions"))
    assert response.status_code == 200
    assert session.project.name in response.content.decode()


def test_a_supervisor_sees_only_name_crn_and_risk_on_the_register(supervisor, expected):
    case = expected.order.case
    case.address = "12 Secret Street"
    case.save()
    response = client_for(supervisor).get(
        reverse("unpaidwork:session_register", args=[expected.session_id])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert case.crn in page and case.last_name in page
    assert "12 Secret Street" not in page
    assert reverse("cases:overview", args=[case.crn]) not in page


def test_a_supervisor_cannot_open_the_register_of_someone_elses_session(expected):
    other = StaffFactory(role=Role.UNPAID_WORK_SUPERVISOR, team=None)
    url = reverse("unpaidwork:session_register", args=[expected.session_id])
    assert client_for(other).get(url).status_code == 404


def test_a_supervisor_cannot_open_the_case_record_of_the_people_on_their_sessions(
    supervisor, expected
):
    url = reverse("cases:overview", args=[expected.order.case.crn])
    assert client_for(supervisor).get(url).status_code == 404


def record_outcome(supervisor, attendance, **times):
    """The supervisor marks the attendance complied on the session's register, once the
    session is over, with the start, finish and penalty `times` given."""
    url = reverse("unpaidwork:session_register", args=[attendance.session_id])
    with after(attendance.session):
        # Signed in at the time travelled to: an older sign-in would have timed out.
        return client_for(supervisor).post(
            url,
            {
                "attendance": attendance.pk,
                "version": attendance.version,
                "outcome": Outcome.COMPLIED,
                **times,
            },
        )


def test_the_supervisor_records_an_outcome_with_hours_and_penalty_minutes(supervisor, expected):
    response = record_outcome(
        supervisor, expected, started_at="09:00", ended_at="16:00", penalty_minutes="30"
    )
    assert response.status_code == 302
    expected.refresh_from_db()
    assert (expected.outcome, expected.worked_minutes) == (Outcome.COMPLIED, 390)


def test_a_refused_outcome_is_shown_as_a_form_error(supervisor, expected):
    response = record_outcome(supervisor, expected, started_at="16:00", ended_at="09:00")
    assert response.status_code == 200
    assert "The finish time must be after the start time" in response.content.decode()


def test_the_supervisor_stands_a_session_down_with_a_reason(supervisor, expected):
    url = reverse("unpaidwork:session_stand_down", args=[expected.session_id])
    response = client_for(supervisor).post(url, {"reason": "Snow; the site is closed"})
    assert response.status_code == 302
    expected.refresh_from_db()
    assert expected.outcome == Outcome.STOOD_DOWN


def test_the_coordinator_lists_projects_and_a_project_with_its_sessions(coordinator, session):
    client = client_for(coordinator)
    listing = client.get(reverse("unpaidwork:projects"))
    assert session.project.name in listing.content.decode()
    detail = client.get(reverse("unpaidwork:project_detail", args=[session.project_id]))
    assert detail.status_code == 200
    assert reverse("unpaidwork:session_register", args=[session.pk]) in detail.content.decode()


def test_the_officer_sees_hours_deadline_and_projected_completion_on_the_case(officer, uw_order):
    url = reverse("unpaidwork:case_unpaid_work", args=[uw_order.case.crn])
    page = client_for(officer).get(url).content.decode()
    assert "Hours ordered" in page and "120h 00m" in page
    assert uw_order.deadline.strftime("%d %b %Y") in page
    assert "Projected completion" in page


def test_the_supervisor_cannot_open_the_cases_unpaid_work_tab(supervisor, expected):
    url = reverse("unpaidwork:case_unpaid_work", args=[expected.order.case.crn])
    assert client_for(supervisor).get(url).status_code == 404


def test_opening_the_register_logs_a_view_of_each_persons_case_in_fixed_reads(
    supervisor, expected, django_assert_max_num_queries
):
    from crc.access.models import AccessKind, AccessLog

    client = client_for(supervisor)
    url = reverse("unpaidwork:session_register", args=[expected.session_id])
    # Reads are fixed; the one insert per person shown is the access log.
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200
    (row,) = AccessLog.objects.filter(case_id=expected.order.case_id)
    assert (row.kind, row.staff_id) == (AccessKind.VIEW, supervisor.pk)
