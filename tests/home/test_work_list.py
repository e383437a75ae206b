"""The home page's work list: each role sees what is waiting for them, linked to where
the work is done, in a fixed number of queries whatever the caseload."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from crc import worklist
from crc.organisation.models import Role
from crc.worklist import WorkGroup, WorkItem
from tests.conftest import sign_in
from tests.factories import (
    AppointmentFactory,
    CaseFactory,
    InformationRequestFactory,
    QualityAuditFactory,
    RegistrationFactory,
    ReviewFactory,
    ServiceCentreTaskFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _home(client, user):
    sign_in(client, user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def _officer_work(case, officer, today):
    AppointmentFactory(case=case, starts_at=_at(today, 23), booked_by=officer)
    AppointmentFactory(case=case, starts_at=_at(today + dt.timedelta(3), 10), booked_by=officer)
    AppointmentFactory(case=case, starts_at=_at(today - dt.timedelta(2), 10), booked_by=officer)
    ReviewFactory(case=case, due_on=today + dt.timedelta(5))
    RegistrationFactory(case=case, next_review_date=today + dt.timedelta(3))
    InformationRequestFactory(case=case)


def test_an_officer_sees_appointments_outcomes_reviews_and_requests_linked_to_the_case(
    client, officer, case
):
    today = timezone.localdate()
    _officer_work(case, officer, today)

    page = _home(client, officer)

    for label in (
        "Appointments today",
        "Appointments in the next 7 days",
        "Outcomes still to record",
        "Reviews due",
        "Registration reviews due",
        "Information requests awaiting an answer",
    ):
        assert label in page
    assert reverse("cases:appointments_needing_outcome") in page
    assert reverse("cases:reviews", args=[case.crn]) in page
    assert reverse("cases:assessment", args=[case.crn]) in page
    assert "will appear here" not in page


def test_an_officer_with_nothing_waiting_is_told_so(client, officer):
    page = _home(client, officer)

    assert "Nothing is waiting for you." in page
    assert "Appointments today" not in page


def test_another_officers_cases_are_not_on_an_officers_list(client, officer, other_team_case):
    AppointmentFactory(case=other_team_case, starts_at=_at(timezone.localdate(), 23))

    page = _home(client, officer)

    assert other_team_case.crn not in page


def test_the_officers_home_page_runs_the_same_queries_for_one_case_or_many(
    client, officer, team_a, get_twice_as_rows_grow
):
    today = timezone.localdate()
    _officer_work(CaseFactory(team=team_a, responsible_officer=officer), officer, today)
    sign_in(client, officer)

    def eight_more():
        for _ in range(8):
            _officer_work(CaseFactory(team=team_a, responsible_officer=officer), officer, today)

    response = get_twice_as_rows_grow(client, reverse("home"), eight_more, ceiling=18)
    assert "See all 9" in response.content.decode()


def test_an_spo_sees_cases_waiting_to_be_allocated_linked_to_the_allocation_page(
    client, spo, team_a
):
    waiting = CaseFactory(team=team_a, responsible_officer=None)

    page = _home(client, spo)

    assert "Decisions waiting" in page
    assert "Cases waiting to be allocated" in page
    assert reverse("cases:allocate", args=[waiting.crn]) in page


def test_the_service_centre_sees_its_task_queue_overdue_first(client, service_centre, case):
    today = timezone.localdate()
    ServiceCentreTaskFactory(case=case, due_date=today - dt.timedelta(1))
    ServiceCentreTaskFactory(case=case, due_date=today + dt.timedelta(2))

    page = _home(client, service_centre)

    assert page.index("Overdue tasks") < page.index("Tasks due")
    assert reverse("cases:service_centre_tasks") in page


def test_a_registered_provider_adds_its_groups_in_order_and_empty_groups_are_dropped():
    def provider(user, *, today):
        return [
            WorkGroup(title="Later", order=90, items=[WorkItem("Thing", 2, "/thing/")]),
            WorkGroup(title="Empty", order=1, items=[]),
        ]

    worklist.register_provider("zz-test", provider)
    try:
        auditor = StaffFactory(role=Role.QUALITY_PERFORMANCE_MANAGER, team=None)
        titles = [g.title for g in worklist.work_list(auditor, today=dt.date(2026, 1, 1))]
    finally:
        worklist.unregister_provider("zz-test")

    assert titles == ["Later"]


def test_a_quality_and_performance_manager_sees_their_audits_in_progress(client, qpm):
    QualityAuditFactory(title="Women's cases, spring")

    page = _home(client, qpm)

    assert "Quality audits in progress" in page
    assert "Women&#39;s cases, spring" in page
