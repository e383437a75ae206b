"""Services for appointments, contacts, absences, enforcement and the service centre."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.contacts import services
from cases.models import (
    Appointment,
    AppointmentStatus,
    AttendanceOutcome,
    Contact,
    DeadlinePolicy,
    EnforcementAction,
    EnforcementStatus,
    Review,
    ServiceCentreTask,
    SignificantChange,
    TaskKind,
    TaskStatus,
)
from cases.service_centre import services as service_centre_services
from crc.domain import DomainError
from crc.notifications.models import OutboxMessage
from crc.workingdays import add_working_days
from tests.cases.contacts.conftest import make_contact
from tests.factories import CaseAccessEntryFactory, OrderFactory

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def record(case, officer, **overrides):
    kwargs = {
        "case": case,
        "by": officer,
        "contact_type": "office",
        "happened_at": timezone.now() - dt.timedelta(hours=1),
        "outcome": AttendanceOutcome.ATTENDED_COMPLIED,
        "crissa": {"check_in": "Fine", "summary": "Engaged well"},
    }
    kwargs.update(overrides)
    return services.contact_record(**kwargs)


def book(case, officer, **overrides):
    kwargs = {
        "case": case,
        "by": officer,
        "contact_type": "office",
        "starts_at": timezone.now() + dt.timedelta(days=2),
        "location": "Islington office",
    }
    kwargs.update(overrides)
    return services.appointment_book(**kwargs)


# --- Appointments and contacts ------------------------------------------------------------


def test_it_books_an_appointment(supervised, officer):
    appointment = book(supervised, officer, with_staff=officer)
    assert appointment.status == AppointmentStatus.BOOKED
    assert appointment.booked_by == officer
    assert appointment.history.count() == 1


def test_it_refuses_an_appointment_in_the_past(supervised, officer):
    with pytest.raises(DomainError) as error:
        book(supervised, officer, starts_at=timezone.now() - dt.timedelta(days=2))
    assert error.value.field == "date"
    assert not Appointment.objects.exists()


def test_recording_the_contact_closes_the_appointment(supervised, officer):
    appointment = book(supervised, officer)
    contact = record(supervised, officer, appointment=appointment)
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.OUTCOME_RECORDED
    assert contact.appointment == appointment
    assert contact.check_in == "Fine"


def test_an_appointment_takes_one_outcome(supervised, officer):
    appointment = book(supervised, officer)
    record(supervised, officer, appointment=appointment)
    with pytest.raises(DomainError, match="already has an outcome"):
        record(supervised, officer, appointment=appointment)
    assert Contact.objects.count() == 1


def test_it_refuses_another_cases_appointment(supervised, officer, other_team_case, other_officer):
    appointment = book(other_team_case, other_officer)
    with pytest.raises(DomainError, match="another case"):
        record(supervised, officer, appointment=appointment)


def test_an_attended_contact_needs_a_summary(supervised, officer):
    with pytest.raises(DomainError) as error:
        record(supervised, officer, crissa={"check_in": "Fine"})
    assert error.value.field == "summary"


def test_a_contact_cannot_be_in_the_future(supervised, officer):
    with pytest.raises(DomainError):
        record(supervised, officer, happened_at=timezone.now() + dt.timedelta(hours=2))


def test_an_undecided_absence_is_due_a_decision_in_two_working_days(supervised, officer):
    contact = record(supervised, officer, outcome=AttendanceOutcome.ABSENCE_TO_DECIDE, crissa={})
    assert contact.acceptability_due_on == add_working_days(today(), 2)
    assert contact.acceptability_decided_at is None


def test_the_acceptability_deadline_is_policy(supervised, officer):
    DeadlinePolicy.objects.update_or_create(
        key="acceptability-decision", defaults={"description": "x", "working_days": 4}
    )
    contact = record(supervised, officer, outcome=AttendanceOutcome.ABSENCE_TO_DECIDE, crissa={})
    assert contact.acceptability_due_on == add_working_days(today(), 4)


def test_an_acceptable_absence_needs_reason_and_evidence(supervised, officer):
    with pytest.raises(DomainError) as error:
        record(supervised, officer, outcome=AttendanceOutcome.ACCEPTABLE_ABSENCE, crissa={})
    assert error.value.field == "absence_reason"
    with pytest.raises(DomainError) as error:
        record(
            supervised,
            officer,
            outcome=AttendanceOutcome.ACCEPTABLE_ABSENCE,
            crissa={},
            absence_reason="Ill",
        )
    assert error.value.field == "absence_evidence"
    contact = record(
        supervised,
        officer,
        outcome=AttendanceOutcome.ACCEPTABLE_ABSENCE,
        crissa={},
        absence_reason="Ill",
        absence_evidence="Fit note",
    )
    assert contact.acceptability_decided_by == officer


def test_a_contact_can_record_a_significant_change(supervised, officer, spo):
    contact = record(
        supervised,
        officer,
        significant_change={"category": "new_relationship", "description": "New partner"},
    )
    change = SignificantChange.objects.get()
    assert change.contact == contact
    assert change.occurred_on == timezone.localtime(contact.happened_at).date()
    assert Review.objects.filter(case=supervised).exists()
    assert OutboxMessage.objects.filter(payload__category="significant_change").exists()


def test_deciding_an_absence_later(supervised, officer):
    contact = record(supervised, officer, outcome=AttendanceOutcome.ABSENCE_TO_DECIDE, crissa={})
    decided = services.absence_decide(contact=contact, by=officer, acceptable=False)
    assert decided.outcome == AttendanceOutcome.UNACCEPTABLE_ABSENCE
    assert decided.is_failure
    with pytest.raises(DomainError, match="already been decided"):
        services.absence_decide(contact=contact, by=officer, acceptable=True)


def test_an_acceptable_decision_needs_evidence(supervised, officer):
    contact = record(supervised, officer, outcome=AttendanceOutcome.ABSENCE_TO_DECIDE, crissa={})
    with pytest.raises(DomainError):
        services.absence_decide(contact=contact, by=officer, acceptable=True, reason="Ill")
    contact.refresh_from_db()
    assert contact.outcome == AttendanceOutcome.ABSENCE_TO_DECIDE


# --- Enforcement ---------------------------------------------------------------------------


def failure(case, days_ago=1):
    return make_contact(case, days_ago=days_ago, outcome=AttendanceOutcome.UNACCEPTABLE_ABSENCE)


def test_a_warning_gives_the_service_centre_a_letter_due_in_two_working_days(
    supervised, officer, spo
):
    contact = failure(supervised)
    action = services.enforcement_decide(contact=contact, by=officer, kind="warning")
    task = ServiceCentreTask.objects.get()
    assert task.kind == TaskKind.WARNING_LETTER
    assert task.source_key == f"enforcement:{action.pk}:letter"
    assert task.due_date == add_working_days(today(), 2)
    assert action.status == EnforcementStatus.IN_PROGRESS
    # A warning is the officer's own decision: the SPO is not alerted.
    assert not OutboxMessage.objects.filter(payload__category="enforcement").exists()


def warned(case, officer, days_ago=20):
    """A failure `days_ago` with a warning decided the day after it."""
    contact = failure(case, days_ago)
    action = services.enforcement_decide(contact=contact, by=officer, kind="warning")
    action.decided_at = contact.happened_at + dt.timedelta(days=1)
    action.save()
    return action


def test_a_further_failure_after_a_warning_must_go_to_breach(supervised, officer, spo):
    warned(supervised, officer)
    second = failure(supervised, 2)
    with pytest.raises(DomainError, match="not allowed"):
        services.enforcement_decide(contact=second, by=officer, kind="warning")
    action = services.enforcement_decide(contact=second, by=officer, kind="breach")
    pack = ServiceCentreTask.objects.get(kind=TaskKind.BREACH_PACK)
    assert pack.source_key == f"enforcement:{action.pk}:pack"
    assert pack.due_date == add_working_days(today(), 10)
    alert = OutboxMessage.objects.get(payload__category="enforcement")
    assert alert.payload["recipient_ids"] == [spo.pk]


def test_a_licence_is_recalled_not_breached(case, officer, spo):
    OrderFactory(case=case, order_type="licence")
    warned(case, officer)
    with pytest.raises(DomainError):
        services.enforcement_decide(contact=failure(case, 2), by=officer, kind="breach")
    action = services.enforcement_decide(contact=failure(case, 3), by=officer, kind="recall")
    assert action.kind == "recall"


def test_not_enforcing_needs_a_professional_judgement_and_tells_the_spo(supervised, officer, spo):
    contact = failure(supervised)
    with pytest.raises(DomainError) as error:
        services.enforcement_decide(
            contact=contact, by=officer, kind="no_action", justification=" "
        )
    assert error.value.field == "justification"
    assert not EnforcementAction.objects.exists()
    action = services.enforcement_decide(
        contact=contact, by=officer, kind="no_action", justification="In hospital that day"
    )
    assert action.status == EnforcementStatus.DONE
    assert not ServiceCentreTask.objects.exists()
    alert = OutboxMessage.objects.get(payload__category="enforcement")
    assert "In hospital that day" in alert.payload["body"]


def test_a_failure_before_the_warning_was_given_leaves_the_choice_open(supervised, officer):
    # Failures on the 20th and the 2nd day ago, the first only decided today: the person
    # had not been warned when they failed the second time.
    services.enforcement_decide(contact=failure(supervised, 20), by=officer, kind="warning")
    options = services.enforcement_options_for(failure(supervised, 2))
    assert not options.breach_required


def test_a_failure_is_decided_once(supervised, officer):
    contact = failure(supervised)
    services.enforcement_decide(contact=contact, by=officer, kind="warning")
    with pytest.raises(DomainError):
        services.enforcement_decide(contact=contact, by=officer, kind="breach")
    assert EnforcementAction.objects.count() == 1


def test_only_a_failure_needs_enforcement(supervised, officer):
    contact = make_contact(supervised)
    with pytest.raises(DomainError):
        services.enforcement_decide(contact=contact, by=officer, kind="warning")


def test_the_spo_alert_skips_an_spo_who_cannot_see_the_case(supervised, officer, spo):
    CaseAccessEntryFactory(case=supervised, staff=spo, reason="Conflict")
    services.enforcement_decide(contact=failure(supervised), by=officer, kind="breach")
    assert not OutboxMessage.objects.filter(payload__category="enforcement").exists()


# --- The service centre ----------------------------------------------------------------------


def test_sending_the_warning_letter_completes_the_warning(supervised, officer, service_centre):
    action = services.enforcement_decide(contact=failure(supervised), by=officer, kind="warning")
    task = ServiceCentreTask.objects.get()
    service_centre_services.service_centre_task_complete(task=task, by=service_centre)
    task.refresh_from_db()
    action.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert task.completed_by == service_centre
    assert action.status == EnforcementStatus.DONE
    with pytest.raises(DomainError):
        service_centre_services.service_centre_task_complete(task=task, by=service_centre)


def test_a_breach_stays_in_progress_after_its_pack(supervised, officer, service_centre):
    action = services.enforcement_decide(contact=failure(supervised), by=officer, kind="breach")
    service_centre_services.service_centre_task_complete(
        task=ServiceCentreTask.objects.get(), by=service_centre
    )
    action.refresh_from_db()
    assert action.status == EnforcementStatus.IN_PROGRESS
