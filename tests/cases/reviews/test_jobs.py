"""Running any reminder job twice on the same day creates no duplicate notification;
a test proves it for each job, and checks who is told."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.models import Review, ReviewKind
from cases.reviews import jobs
from crc.notifications.models import OutboxMessage
from tests.cases.reviews.helpers import contact, due_review, messages_with, recipients
from tests.factories import (
    CaseAccessEntryFactory,
    ContactLevelDecisionFactory,
    EnforcementActionFactory,
    InformationRequestFactory,
    OrderFactory,
    RegistrationFactory,
    ServiceCentreTaskFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 10)  # a Tuesday


def run_twice(job, today=TODAY):
    job(today=today)
    job(today=today)


def test_review_due_in_seven_days_reminds_the_officer_once(case, officer, spo):
    review = due_review(case, TODAY + dt.timedelta(days=5))
    due_review(case, TODAY + dt.timedelta(days=20), kind=ReviewKind.RELEASE)  # not yet
    run_twice(jobs.review_due_reminders)
    [message] = messages_with("review-due-7:")
    assert message.dedupe_key == f"review-due-7:{review.pk}:{review.due_on.isoformat()}"
    assert recipients(message) == {officer.pk}
    # The next day's run is still inside the window: no second reminder.
    jobs.review_due_reminders(today=TODAY + dt.timedelta(days=1))
    assert len(messages_with("review-due-7:")) == 1


def test_an_overdue_review_alerts_the_officer_and_spo_once(case, officer, spo, area_manager):
    review = due_review(case, TODAY - dt.timedelta(days=2))
    run_twice(jobs.review_overdue_alerts)
    [message] = messages_with("review-overdue:")
    assert message.dedupe_key == f"review-overdue:{review.pk}:{review.due_on.isoformat()}"
    assert recipients(message) == {officer.pk, spo.pk}
    assert messages_with("review-overdue-14:") == []


def test_a_review_two_weeks_overdue_reaches_the_area_manager_once(case, officer, spo, area_manager):
    StaffFactory(role="area_manager", team=None, managed_area=None, username="elsewhere")
    due_review(case, TODAY - dt.timedelta(days=14))
    run_twice(jobs.review_overdue_alerts)
    [message] = messages_with("review-overdue-14:")
    assert recipients(message) == {area_manager.pk}
    assert len(messages_with("review-overdue:")) == 1


def test_an_overdue_absence_decision_reminds_the_officer_once(case, officer, spo):
    absence = contact(
        case,
        outcome="absence_to_decide",
        when=timezone.now() - dt.timedelta(days=5),
        acceptability_due_on=TODAY - dt.timedelta(days=1),
    )
    contact(  # decided: no reminder
        case,
        outcome="acceptable_absence",
        acceptability_due_on=TODAY - dt.timedelta(days=1),
        acceptability_decided_at=timezone.now(),
    )
    run_twice(jobs.acceptability_reminders)
    [message] = messages_with("acceptability-due:")
    assert message.dedupe_key.startswith(f"acceptability-due:{absence.pk}:")
    assert recipients(message) == {officer.pk}


def test_an_overdue_warning_letter_alerts_service_centre_staff_once(case, officer, service_centre):
    StaffFactory(role="service_centre", team=None, is_active=False, username="gone")
    task = ServiceCentreTaskFactory(
        case=case,
        kind="warning_letter",
        description="Send the warning letter",
        due_date=TODAY - dt.timedelta(days=1),
    )
    ServiceCentreTaskFactory(  # the NPS referral is not this job's
        case=case,
        kind="nps_referral",
        description="x",
        due_date=TODAY - dt.timedelta(days=3),
    )
    run_twice(jobs.service_centre_task_alerts)
    [message] = messages_with("service-centre-task-overdue:")
    assert message.dedupe_key == f"service-centre-task-overdue:{task.pk}:{task.due_date}"
    assert recipients(message) == {service_centre.pk}


def _request(case, officer, *, chase, escalate, status="sent"):
    return InformationRequestFactory(
        case=case,
        agency="police",
        question="Any domestic abuse call-outs?",
        status=status,
        sent_on=TODAY - dt.timedelta(days=10),
        chase_due_on=chase,
        escalate_due_on=escalate,
        requested_by=officer,
    )


def test_an_unanswered_information_request_is_chased_once(case, officer, spo):
    request = _request(case, officer, chase=TODAY, escalate=TODAY + dt.timedelta(days=7))
    run_twice(jobs.information_request_followups)
    request.refresh_from_db()
    assert request.status == "chased"
    assert request.chased_on == timezone.localdate()
    [message] = messages_with("information-request:")
    assert message.dedupe_key == f"information-request:{request.pk}:chased"
    assert recipients(message) == {officer.pk}


def test_an_unanswered_information_request_is_escalated_to_the_spo_once(case, officer, spo):
    request = _request(
        case, officer, chase=TODAY - dt.timedelta(days=5), escalate=TODAY, status="chased"
    )
    run_twice(jobs.information_request_followups)
    request.refresh_from_db()
    assert request.status == "escalated"
    [message] = messages_with("information-request:")
    assert message.dedupe_key == f"information-request:{request.pk}:escalated"
    assert recipients(message) == {spo.pk}


def test_a_registration_review_due_reminds_the_officer_once(case, officer):
    registration = RegistrationFactory(
        case=case,
        registration_type="domestic_abuse",
        registered_on=TODAY - dt.timedelta(days=180),
        next_review_date=TODAY + dt.timedelta(days=6),
    )
    RegistrationFactory(  # due later: not yet
        case=case,
        registration_type="mental_health",
        registered_on=TODAY,
        next_review_date=TODAY + dt.timedelta(days=30),
    )
    run_twice(jobs.registration_review_reminders)
    [message] = messages_with("registration-review:")
    assert message.dedupe_key == (
        f"registration-review:{registration.pk}:{registration.next_review_date}"
    )
    assert recipients(message) == {officer.pk}


def test_the_weekly_grid_digest_tells_the_spo_once(case, officer, spo, other_team_case):
    now = timezone.now()
    for c in (case, other_team_case):
        ContactLevelDecisionFactory(case=c, contacts=2, period_days=7, requested_at=now)
    # One attended contact in the period, but the level asks for two.
    contact(case, when=dt.datetime(2026, 3, 6, 10, tzinfo=dt.UTC))
    run_twice(jobs.grid_shortfall_digest)
    # Later in the same week: the same digest.
    jobs.grid_shortfall_digest(today=TODAY + dt.timedelta(days=2))
    [message] = messages_with("grid-shortfall:")
    assert message.dedupe_key == f"grid-shortfall:{spo.pk}:2026-03-09"
    assert recipients(message) == {spo.pk}
    assert case.crn in message.payload["body"]
    assert other_team_case.crn not in message.payload["body"]


def test_the_grid_digest_leaves_out_cases_that_meet_their_level(case, officer, spo):
    ContactLevelDecisionFactory(case=case, contacts=1, period_days=7)
    contact(case, when=dt.datetime(2026, 3, 9, 10, tzinfo=dt.UTC))
    jobs.grid_shortfall_digest(today=TODAY)
    assert messages_with("grid-shortfall:") == []


def test_periodic_reviews_are_scheduled_once_from_the_order_start(case):
    OrderFactory(case=case, start_date=dt.date(2026, 1, 7))
    run_twice(jobs.periodic_reviews_schedule)
    [review] = Review.objects.filter(case=case)
    assert review.kind == ReviewKind.PERIODIC
    assert review.due_on == dt.date(2026, 4, 29)
    assert review.source_key == f"periodic:{case.pk}:2026-04-29"


def test_triggered_reviews_are_created_once_per_cause(case, officer):
    failure = contact(case, outcome="unacceptable_absence")
    action = EnforcementActionFactory(case=case, failure=failure, decided_by=officer)
    today = timezone.localdate()
    run_twice(jobs.triggered_reviews_detect, today=today)
    [review] = Review.objects.filter(case=case)
    assert review.kind == ReviewKind.ENFORCEMENT
    assert review.source_key == f"enforcement:{action.pk}"


def test_no_job_notifies_people_who_cannot_see_the_case(case, officer, spo, other_officer):
    due_review(case, TODAY - dt.timedelta(days=1))
    case.responsible_officer = other_officer  # allocated across teams, team A's case
    case.save()
    CaseAccessEntryFactory(case=case, staff=spo, kind="exclusion", reason="Knows them")
    jobs.review_overdue_alerts(today=TODAY)
    [message] = OutboxMessage.objects.all()
    assert spo.pk not in recipients(message)
