"""crc.access.unpaid_work: the coordinator sees every session; a supervisor only their
own, and of the people on them only what running a session needs; a supervisor opens
no case record page at all."""

from types import SimpleNamespace

import pytest

from crc.access import roles
from crc.access import unpaid_work as uw
from crc.access.policy import visible_cases
from crc.organisation.models import Role
from tests.factories import CaseFactory, StaffFactory
from tests.factories.unpaidwork import (
    AttendanceFactory,
    ProjectSessionFactory,
    UnpaidWorkOrderFactory,
)
from unpaidwork.models import Attendance, ProjectSession


def _user(role, pk=1, active=True):
    return SimpleNamespace(role=role, pk=pk, is_active=active, is_authenticated=True)


@pytest.mark.parametrize(
    ("role", "supervisor_id", "may_run"),
    [
        (Role.UNPAID_WORK_SUPERVISOR, 1, True),
        (Role.UNPAID_WORK_SUPERVISOR, 2, False),
        (Role.UNPAID_WORK_SUPERVISOR, None, False),
        (Role.UNPAID_WORK_COORDINATOR, 2, True),
        (Role.UNPAID_WORK_COORDINATOR, None, True),
        (Role.PROBATION_OFFICER, 1, False),
        (Role.SENIOR_PROBATION_OFFICER, 1, False),
        (Role.ADMINISTRATOR, 1, False),
        (Role.SERVICE_CENTRE, 1, False),
        (Role.RESETTLEMENT_WORKER, 1, False),
        (Role.PROVIDER_CASEWORKER, 1, False),
    ],
)
def test_who_may_run_a_session_is_its_supervisor_or_a_coordinator(role, supervisor_id, may_run):
    session = SimpleNamespace(supervisor_id=supervisor_id)
    assert uw.may_run_session(_user(role), session) is may_run


@pytest.mark.parametrize("role", [Role.UNPAID_WORK_SUPERVISOR, Role.UNPAID_WORK_COORDINATOR])
def test_an_inactive_member_of_staff_runs_no_session(role):
    assert uw.may_run_session(_user(role, active=False), SimpleNamespace(supervisor_id=1)) is False


def test_the_unpaid_work_roles_are_in_no_case_role_set():
    assert not (uw.SESSION_ROLES & roles.CASE_ROLES)


def test_a_supervisor_is_shown_only_name_crn_and_the_overall_risk_of_a_person():
    case = SimpleNamespace(
        first_name="Ann", last_name="Lee", crn="X123456", rosh_overall="high", address="1 Road"
    )
    shown = uw.person_view(_user(Role.UNPAID_WORK_SUPERVISOR), case)
    assert shown == {
        "first_name": "Ann",
        "last_name": "Lee",
        "crn": "X123456",
        "rosh_overall": "high",
    }


@pytest.mark.django_db
def test_a_supervisor_sees_only_the_sessions_and_people_they_supervise():
    mine = StaffFactory(role=Role.UNPAID_WORK_SUPERVISOR)
    other = StaffFactory(role=Role.UNPAID_WORK_SUPERVISOR)
    own_session = ProjectSessionFactory(supervisor=mine)
    other_session = ProjectSessionFactory(supervisor=other)
    own = AttendanceFactory(session=own_session)
    AttendanceFactory(session=other_session)
    assert list(uw.visible_sessions(mine, ProjectSession.objects.all())) == [own_session]
    assert list(uw.visible_attendances(mine, Attendance.objects.all())) == [own]
    coordinator = StaffFactory(role=Role.UNPAID_WORK_COORDINATOR)
    assert uw.visible_sessions(coordinator, ProjectSession.objects.all()).count() == 2
    officer = StaffFactory(role=Role.PROBATION_OFFICER)
    assert not uw.visible_attendances(officer, Attendance.objects.all()).exists()


@pytest.mark.django_db
def test_a_supervisor_cannot_open_the_case_record_of_anyone_not_even_on_their_own_sessions():
    supervisor = StaffFactory(role=Role.UNPAID_WORK_SUPERVISOR)
    on_my_session = UnpaidWorkOrderFactory(case=CaseFactory()).case
    AttendanceFactory(
        session=ProjectSessionFactory(supervisor=supervisor),
        order=on_my_session.unpaid_work.first(),
    )
    elsewhere = CaseFactory()
    model = type(elsewhere)
    assert not visible_cases(
        supervisor, model.objects.filter(pk__in=[on_my_session.pk, elsewhere.pk])
    ).exists()


@pytest.mark.parametrize(
    ("role", "active", "may"),
    [
        (Role.UNPAID_WORK_SUPERVISOR, True, True),
        (Role.UNPAID_WORK_SUPERVISOR, False, False),
        (Role.UNPAID_WORK_COORDINATOR, True, False),
        (Role.PROBATION_OFFICER, True, False),
    ],
)
def test_only_an_active_unpaid_work_supervisor_may_supervise_sessions(role, active, may):
    assert uw.may_supervise_sessions(_user(role, active=active)) is may
