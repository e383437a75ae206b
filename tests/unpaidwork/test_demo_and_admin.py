"""The unpaid work demo seeder's shape, and the admin's scoping of unpaid work records."""

import pytest
from django.urls import reverse

from crc.access.models import AccessLog
from tests.cases.helpers import give_admin_reason
from tests.conftest import sign_in
from tests.demo import run_seeders
from tests.factories import AttendanceFactory, ProjectFactory, UnpaidWorkOrderFactory
from unpaidwork.models import (
    Attendance,
    Outcome,
    Project,
    ProjectSession,
    UnpaidWorkOrder,
    UnpaidWorkStatus,
)

pytestmark = pytest.mark.django_db


def test_the_demo_has_projects_across_boroughs_orders_in_every_state_and_few_stand_downs():
    run_seeders({"organisation", "cases", "unpaid_work"})
    assert Project.objects.count() == 40
    assert Project.objects.values("borough").distinct().count() == 32
    statuses = set(UnpaidWorkOrder.objects.values_list("status", flat=True))
    assert statuses == set(UnpaidWorkStatus.values)
    outcomes = set(Attendance.objects.values_list("outcome", flat=True))
    assert outcomes == set(Outcome.values)
    stood_down = ProjectSession.objects.filter(stood_down=True).count()
    assert 0.005 < stood_down / ProjectSession.objects.count() < 0.04
    # Capacity holds on every session.
    for session in ProjectSession.objects.all()[:200]:
        assert session.attendances.count() <= session.capacity
    before = (UnpaidWorkOrder.objects.count(), Attendance.objects.count())
    run_seeders({"unpaid_work"})
    assert (UnpaidWorkOrder.objects.count(), Attendance.objects.count()) == before


def project_admin_form(project, *, capacity_per_session):
    """The project's admin change form as first opened (version 1), with a new capacity."""
    return {
        "name": project.name,
        "kind": project.kind,
        "project_type": project.project_type,
        "borough": project.borough,
        "address": project.address,
        "postcode": "",
        "area": project.area_id,
        "host": project.host_id,
        "supervisor": project.supervisor_id,
        "capacity_per_session": capacity_per_session,
        "skills_opportunities": "",
        "status": "active",
        "expected_version": 1,
    }


def assert_saved_in_admin(client, project, *, capacity: int, by) -> tuple[str, dict]:
    """Post a new capacity on the project's admin form and check the service saved it, as
    `by`. Returns the form's URL and what was posted."""
    url = reverse("admin:unpaidwork_project_change", args=[project.pk])
    form = project_admin_form(project, capacity_per_session=capacity)
    assert client.post(url, form).status_code == 302
    project.refresh_from_db()
    assert (project.capacity_per_session, project.version) == (capacity, 2)
    assert project.history.first().history_user == by
    return url, form


def test_the_admin_shows_an_attendance_and_logs_the_view_of_the_case(client, case, administrator):
    attendance = AttendanceFactory(order=UnpaidWorkOrderFactory(requirement__order__case=case))
    sign_in(client, administrator)
    # Administrators see a case in the admin only once they have said why (issue 9).
    listing = client.get(reverse("admin:unpaidwork_unpaidworkorder_changelist"))
    assert case.crn not in listing.content.decode()
    give_admin_reason(client, case)
    listing = client.get(reverse("admin:unpaidwork_unpaidworkorder_changelist"))
    assert listing.status_code == 200
    assert case.crn in listing.content.decode()
    page = client.get(reverse("admin:unpaidwork_attendance_change", args=[attendance.pk]))
    assert page.status_code == 200
    assert AccessLog.objects.filter(case_id=case.pk, staff=administrator).exists()


def test_a_project_saved_in_the_admin_goes_through_the_service_and_refuses_a_stale_form(
    client, administrator, area
):
    project = ProjectFactory(area=area)
    sign_in(client, administrator)
    url, form = assert_saved_in_admin(client, project, capacity=9, by=administrator)
    stale = client.post(url, {**form, "capacity_per_session": 3})
    assert stale.status_code == 200
    assert "Someone else saved a change" in stale.content.decode()
    project.refresh_from_db()
    assert project.capacity_per_session == 9


def test_the_service_centre_reads_unpaid_work_records_and_keeps_projects_through_services(
    client, case, service_centre, area
):
    attendance = AttendanceFactory(order=UnpaidWorkOrderFactory(requirement__order__case=case))
    sign_in(client, service_centre)
    listing = client.get(reverse("admin:unpaidwork_attendance_changelist"))
    assert listing.status_code == 200
    assert case.crn in listing.content.decode()
    change = reverse("admin:unpaidwork_attendance_change", args=[attendance.pk])
    assert client.get(change).status_code == 200
    assert AccessLog.objects.filter(case_id=case.pk, staff=service_centre).exists()
    # Read-only: nothing about a person is written in the admin.
    assert client.post(change, {"outcome": "complied"}).status_code == 403
    assert_saved_in_admin(client, ProjectFactory(area=area), capacity=4, by=service_centre)
