"""A nightly job's query count does not grow with the number of cases it acts on: the
access policy is asked once per person told, SPOs are looked up once per job and the
reminders are queued in one insert. Measured with 2 cases, then held to that budget
with 20 (same staff), which must still each get their reminder."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.reviews import jobs
from crc.notifications.models import OutboxMessage
from tests.cases.reviews.helpers import contact, due_review, messages_with, recipients
from tests.factories import (
    CaseAccessEntryFactory,
    CaseFactory,
    ContactLevelDecisionFactory,
    RegistrationFactory,
    ServiceCentreTaskFactory,
    StaffFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 10)


def overdue_review(case):
    due_review(case, TODAY - dt.timedelta(days=15))


def review_due_soon(case):
    due_review(case, TODAY + dt.timedelta(days=3))


def undecided_absence(case):
    contact(
        case,
        outcome="absence_to_decide",
        when=timezone.now() - dt.timedelta(days=5),
        acceptability_due_on=TODAY - dt.timedelta(days=1),
    )


def overdue_warning_letter(case):
    ServiceCentreTaskFactory(
        case=case,
        kind="warning_letter",
        description="Send the warning letter",
        due_date=TODAY - dt.timedelta(days=1),
    )


def registration_due(case):
    RegistrationFactory(
        case=case,
        registration_type="domestic_abuse",
        registered_on=TODAY - dt.timedelta(days=180),
        next_review_date=TODAY + dt.timedelta(days=2),
    )


# (job, what makes a case due, dedupe key prefix, messages per case)
JOBS = [
    (jobs.review_overdue_alerts, overdue_review, "review-overdue", 2),
    (jobs.review_due_reminders, review_due_soon, "review-due-7:", 1),
    (jobs.acceptability_reminders, undecided_absence, "acceptability-due:", 1),
    (jobs.service_centre_task_alerts, overdue_warning_letter, "service-centre-task-overdue:", 1),
    (jobs.registration_review_reminders, registration_due, "registration-review:", 1),
]


@pytest.fixture
def staff(officer, spo, area_manager, service_centre):
    # A second service-centre member: the job tells them all.
    StaffFactory(username="servicecentre2", role="service_centre", team=None)


def make_cases(count, team, officer, make_due):
    for _ in range(count):
        make_due(CaseFactory(team=team, responsible_officer=officer))


@pytest.mark.parametrize(
    "job, make_due, prefix, per_case", JOBS, ids=[job.__name__ for job, *_ in JOBS]
)
def test_the_query_count_does_not_grow_with_the_cases(
    job, make_due, prefix, per_case, staff, team_a, officer, django_assert_max_num_queries
):
    make_cases(2, team_a, officer, make_due)
    with CaptureQueriesContext(connection) as two:
        assert job(today=TODAY) == 2 * per_case
    assert len(messages_with(prefix)) == 2 * per_case

    OutboxMessage.objects.all().delete()
    make_cases(18, team_a, officer, make_due)
    with django_assert_max_num_queries(len(two)):
        assert job(today=TODAY) == 20 * per_case
    assert len(messages_with(prefix)) == 20 * per_case


def test_a_batched_run_still_leaves_out_whoever_a_case_excludes(
    staff, team_a, officer, spo, area_manager
):
    make_cases(5, team_a, officer, overdue_review)
    hidden = CaseFactory(team=team_a, responsible_officer=officer)
    overdue_review(hidden)
    CaseAccessEntryFactory(case=hidden, kind="exclusion", staff=spo)

    jobs.review_overdue_alerts(today=TODAY)

    overdue = messages_with("review-overdue:")
    assert len(overdue) == 6
    hidden_message = next(m for m in overdue if m.case_crn == hidden.crn)
    assert recipients(hidden_message) == {officer.pk}
    assert all(recipients(m) == {officer.pk, spo.pk} for m in overdue if m is not hidden_message)
    assert all(recipients(m) == {area_manager.pk} for m in messages_with("review-overdue-14:"))


def test_a_batched_rerun_queues_nothing_more(staff, team_a, officer):
    make_cases(4, team_a, officer, overdue_warning_letter)
    jobs.service_centre_task_alerts(today=TODAY)
    first = set(OutboxMessage.objects.values_list("pk", flat=True))

    assert jobs.service_centre_task_alerts(today=TODAY) == 4  # asked again, to no effect

    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == first


def spo_with_a_short_case(office):
    team = TeamFactory(office=office)
    spo = StaffFactory(spo=True, team=team)
    spo.managed_teams.add(team)
    case = CaseFactory(team=team, responsible_officer=StaffFactory(team=team))
    ContactLevelDecisionFactory(case=case, contacts=2, period_days=7, requested_at=timezone.now())
    return spo, case


def test_the_grid_digest_query_count_does_not_grow_with_the_spos(
    office, django_assert_max_num_queries
):
    for _ in range(2):
        spo_with_a_short_case(office)
    with CaptureQueriesContext(connection) as two:
        assert jobs.grid_shortfall_digest(today=TODAY) == 2

    OutboxMessage.objects.all().delete()
    made = [spo_with_a_short_case(office) for _ in range(8)]
    with django_assert_max_num_queries(len(two)):
        assert jobs.grid_shortfall_digest(today=TODAY) == 10
    spo, case = made[0]
    [digest] = messages_with(f"grid-shortfall:{spo.pk}:")
    assert digest.payload["body"].startswith(f"{case.crn}: 0 contact(s)")


def test_the_grid_digest_leaves_out_a_case_the_spo_is_excluded_from(office):
    spo, case = spo_with_a_short_case(office)
    hidden = CaseFactory(team=case.team, responsible_officer=case.responsible_officer)
    ContactLevelDecisionFactory(case=hidden, contacts=2, period_days=7, requested_at=timezone.now())
    CaseAccessEntryFactory(case=hidden, kind="exclusion", staff=spo)

    jobs.grid_shortfall_digest(today=TODAY)

    [digest] = messages_with(f"grid-shortfall:{spo.pk}:")
    assert case.crn in digest.payload["body"]
    assert hidden.crn not in digest.payload["body"]
    assert digest.payload["subject"] == "Contact below the Grid: 1 case(s) in your teams"
