"""Sessions: scheduling within capacity, stand-downs that never count against the
person, outcomes that reach the officer, and failures that enter enforcement."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from cases.contacts import services as contact_services
from cases.models import AttendanceOutcome, Contact, ContactType
from crc.domain import DomainError, StaleVersionError
from crc.notifications.models import OutboxMessage
from tests.factories import CaseFactory, ProjectSessionFactory, UnpaidWorkPolicyFactory
from tests.unpaidwork.conftest import inducted, open_order
from unpaidwork import selectors, services, session_services
from unpaidwork.models import Outcome, UnpaidWorkStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(project):
    return ProjectSessionFactory(project=project)


def during(session, hour=17):
    """After the session, in London."""
    return time_machine.travel(
        dt.datetime.combine(session.date, dt.time(hour, 0), tzinfo=dt.UTC), tick=False
    )


def record(attendance, by, outcome, **times):
    return session_services.attendance_record(
        attendance=attendance, by=by, expected_version=attendance.version, outcome=outcome, **times
    )


def worked(start=dt.time(9, 0), end=dt.time(16, 0), **extra):
    return {"started_at": start, "ended_at": end, **extra}


def another_placed(team, project, coordinator):
    order = inducted(open_order(CaseFactory(team=team), coordinator), coordinator)
    services.placement_allocate(order=order, project=project, by=coordinator, reason="Near")
    return order


# --- Scheduling ---------------------------------------------------------------------------


def test_people_are_scheduled_up_to_the_capacity_and_no_further(
    placed_order, session, project, coordinator, team_a
):
    second = another_placed(team_a, project, coordinator)
    third = another_placed(team_a, project, coordinator)
    session_services.session_schedule(session=session, order=placed_order, by=coordinator)
    session_services.session_schedule(session=session, order=second, by=coordinator)
    with pytest.raises(DomainError, match=r"full \(2 places\)"):
        session_services.session_schedule(session=session, order=third, by=coordinator)
    assert session.attendances.count() == 2


def test_someone_is_scheduled_only_on_their_own_project(working_order, session, coordinator):
    with pytest.raises(DomainError, match="not placed on this project"):
        session_services.session_schedule(session=session, order=working_order, by=coordinator)


def test_someone_is_not_scheduled_twice_on_one_session(placed_order, session, coordinator):
    session_services.session_schedule(session=session, order=placed_order, by=coordinator)
    with pytest.raises(DomainError, match="already expected"):
        session_services.session_schedule(session=session, order=placed_order, by=coordinator)


def test_a_session_is_put_on_with_the_projects_capacity_and_supervisor(project, coordinator):
    made = session_services.session_create(
        project=project,
        by=coordinator,
        date=timezone.localdate() + dt.timedelta(days=3),
        starts_at=dt.time(9, 0),
        ends_at=dt.time(16, 30),
    )
    assert (made.capacity, made.supervisor) == (2, project.supervisor)


# --- Stand-downs --------------------------------------------------------------------------


def test_a_stood_down_session_never_counts_against_the_person(
    placed_order, session, coordinator, officer
):
    attendance = session_services.session_schedule(
        session=session, order=placed_order, by=coordinator
    )
    before = selectors.order_progress(placed_order)
    session_services.session_stand_down(session=session, by=coordinator, reason="No supervisor")
    attendance.refresh_from_db()
    after = selectors.order_progress(placed_order)
    assert attendance.outcome == Outcome.STOOD_DOWN
    assert after.remaining_minutes == before.remaining_minutes
    assert not after.s37_disqualified
    assert not Contact.objects.filter(case=placed_order.case).exists()
    message = OutboxMessage.objects.get(dedupe_key=f"uw-outcome:{attendance.pk}:stood_down")
    assert message.payload["recipient_ids"] == [officer.pk]


def test_a_stood_down_session_takes_no_more_bookings_or_outcomes(
    placed_order, session, coordinator
):
    attendance = session_services.session_schedule(
        session=session, order=placed_order, by=coordinator
    )
    session_services.session_stand_down(session=session, by=coordinator, reason="Snow")
    attendance.refresh_from_db()
    with during(session), pytest.raises(DomainError, match="stood down"):
        record(attendance, coordinator, Outcome.COMPLIED, **worked())
    with pytest.raises(DomainError, match="stood down"):
        session_services.session_schedule(session=session, order=placed_order, by=coordinator)


def test_a_person_cannot_be_recorded_as_stood_down_alone(placed_order, session, coordinator):
    attendance = session_services.session_schedule(
        session=session, order=placed_order, by=coordinator
    )
    with during(session), pytest.raises(DomainError, match="Stand the whole session down"):
        record(attendance, coordinator, Outcome.STOOD_DOWN)


# --- Outcomes -----------------------------------------------------------------------------


@pytest.fixture
def expected(placed_order, session, coordinator):
    return session_services.session_schedule(session=session, order=placed_order, by=coordinator)


def test_hours_worked_are_credited_less_penalty_minutes(expected, supervisor, placed_order):
    with during(expected.session):
        record(
            expected,
            supervisor,
            Outcome.COMPLIED,
            **worked(penalty_minutes=30, travel_minutes=60, work_quality=4, behaviour=5),
        )
    progress = selectors.order_progress(placed_order)
    assert (progress.worked_minutes, progress.travel_minutes) == (390, 60)
    assert progress.remaining_minutes == 120 * 60 - 450


def test_every_outcome_tells_the_responsible_officer_once(expected, supervisor, officer):
    with during(expected.session):
        record(expected, supervisor, Outcome.ACCEPTABLE_ABSENCE)
    messages = OutboxMessage.objects.filter(dedupe_key__startswith=f"uw-outcome:{expected.pk}:")
    assert [m.payload["recipient_ids"] for m in messages] == [[officer.pk]]


@pytest.mark.parametrize(
    "outcome, times, contact_outcome",
    [
        (Outcome.UNACCEPTABLE_ABSENCE, {}, AttendanceOutcome.UNACCEPTABLE_ABSENCE),
        (Outcome.FAILED_TO_COMPLY, worked(end=dt.time(11, 0)), AttendanceOutcome.ATTENDED_FAILED),
    ],
)
def test_a_failure_enters_the_enforcement_flow_for_the_officer_to_decide(
    expected, supervisor, outcome, times, contact_outcome
):
    with during(expected.session):
        attendance = record(expected, supervisor, outcome, **times)
        contact = Contact.objects.get(case=expected.order.case)
        assert attendance.contact == contact
        assert (contact.contact_type, contact.outcome) == (ContactType.UNPAID_WORK, contact_outcome)
        assert contact.is_failure
        # The officer's enforcement decision is now due, as for any failure to comply.
        options = contact_services.enforcement_options_for(contact)
    assert "warning" in options.options
    message = OutboxMessage.objects.get(dedupe_key__startswith=f"uw-outcome:{expected.pk}:")
    assert "enforcement decision is needed" in message.payload["body"]


@pytest.mark.parametrize(
    "outcome", [Outcome.COMPLIED, Outcome.ACCEPTABLE_ABSENCE, Outcome.SENT_HOME]
)
def test_other_outcomes_do_not_enter_enforcement(expected, supervisor, outcome):
    times = worked(end=dt.time(11, 0)) if outcome != Outcome.ACCEPTABLE_ABSENCE else {}
    with during(expected.session):
        attendance = record(expected, supervisor, outcome, **times)
    assert attendance.contact is None
    assert not Contact.objects.exists()


def test_an_outcome_is_recorded_once_and_a_stale_save_is_refused(expected, supervisor):
    with during(expected.session):
        record(expected, supervisor, Outcome.COMPLIED, **worked())
        with pytest.raises(StaleVersionError):
            record(expected, supervisor, Outcome.UNACCEPTABLE_ABSENCE)
        expected.refresh_from_db()
        with pytest.raises(DomainError, match="attended and complied"):
            record(expected, supervisor, Outcome.UNACCEPTABLE_ABSENCE)


def test_an_outcome_waits_for_the_session_to_start(expected, supervisor):
    with pytest.raises(DomainError, match="not started"):
        record(expected, supervisor, Outcome.ACCEPTABLE_ABSENCE)


@pytest.mark.parametrize(
    "times, message",
    [
        ({}, "Enter the times"),
        (worked(start=dt.time(10, 0), end=dt.time(9, 30)), "after the start"),
        (worked(start=dt.time(8, 0)), "within the session"),
        (worked(travel_minutes=181), "at most 180"),
    ],
)
def test_hours_that_do_not_add_up_are_refused(expected, supervisor, times, message):
    with during(expected.session), pytest.raises(DomainError, match=message):
        record(expected, supervisor, Outcome.COMPLIED, **times)


@pytest.mark.parametrize(
    "s37_enabled, completing_session",
    [
        # 5 sessions of 7.5 hours (37.5) leave 2.5 hours; the sixth completes the 40.
        (False, 6),
        # With s.37: 30 hours done is 20 beyond the 10-hour threshold, so 10 hours (the
        # 25% maximum) come off and the fourth session completes the order.
        (True, 4),
    ],
)
def test_the_last_hours_complete_the_order(
    team_a, project, coordinator, supervisor, s37_enabled, completing_session
):
    UnpaidWorkPolicyFactory(s37_enabled=s37_enabled)
    order = inducted(open_order(CaseFactory(team=team_a), coordinator, hours=40), coordinator)
    services.placement_allocate(order=order, project=project, by=coordinator, reason="Near")
    sessions = [
        ProjectSessionFactory(project=project, date=timezone.localdate() + dt.timedelta(days=d))
        for d in range(1, 7)
    ]
    attendances = [
        session_services.session_schedule(session=s, order=order, by=coordinator) for s in sessions
    ]
    for attendance in attendances:
        with during(attendance.session):
            record(attendance, supervisor, Outcome.COMPLIED, **worked(end=dt.time(16, 30)))
        order.refresh_from_db()
        if order.status == UnpaidWorkStatus.COMPLETED:
            break
    assert order.status == UnpaidWorkStatus.COMPLETED
    assert attendance == attendances[completing_session - 1]
    assert order.closed_on == attendance.session.date
