"""The daily jobs: each tells the officer when its condition holds, and a job run twice
(or on the next day while nothing changed) has the effect of running once."""

import datetime as dt

import pytest
from django.utils import timezone

from crc.notifications.models import OutboxMessage
from interventions import jobs
from interventions.rules import ReferralStatus as S
from tests.factories import ReferralFactory, RequirementFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def keyed(prefix):
    return OutboxMessage.objects.filter(dedupe_key__startswith=prefix)


def run_twice(job, today):
    return job(today=today) + job(today=today + dt.timedelta(days=1))


def test_a_referral_unassigned_for_five_working_days_reminds_the_officer_once(walk, officer):
    walk.sent()
    assert jobs.referral_unassigned_reminders(today=TODAY()) == 0
    run_twice(jobs.referral_unassigned_reminders, TODAY() + dt.timedelta(days=10))
    (message,) = keyed("intervention-unassigned:")
    assert message.payload["recipient_ids"] == [officer.pk]


def test_an_assigned_referral_is_not_chased(walk):
    walk.assigned()
    assert jobs.referral_unassigned_reminders(today=TODAY() + dt.timedelta(days=10)) == 0


def test_a_plan_awaiting_approval_reminds_the_officer_once_per_version(walk):
    referral, plan = walk.plan_submitted()
    later = TODAY() + dt.timedelta(days=7)
    run_twice(jobs.action_plan_approval_reminders, later)
    assert keyed("intervention-plan-approval:").count() == 1
    walk.revise_plan(referral, plan, ["x"], sessions=3)
    jobs.action_plan_approval_reminders(today=later)
    assert keyed("intervention-plan-approval:").count() == 2


def test_no_session_for_fourteen_days_alerts_once(walk):
    walk.approved()
    assert jobs.session_gap_alerts(today=TODAY() + dt.timedelta(days=13)) == 0
    run_twice(jobs.session_gap_alerts, TODAY() + dt.timedelta(days=14))
    assert keyed("intervention-no-session:").count() == 1


def test_a_recent_session_resets_the_gap(walk):
    referral = walk.approved()
    walk.session(referral, days_ago=1)
    assert jobs.session_gap_alerts(today=TODAY() + dt.timedelta(days=10)) == 0


def test_an_overdue_end_of_service_report_alerts_once(walk):
    referral = walk.approved(sessions=1)
    walk.session(referral, days_ago=1)
    assert jobs.end_report_overdue_alerts(today=TODAY()) == 0
    run_twice(jobs.end_report_overdue_alerts, TODAY() + dt.timedelta(days=14))
    assert keyed("intervention-end-report:").count() == 1


def test_rar_days_at_risk_alert_once(needy_case):
    rar = RequirementFactory(order__case=needy_case, length=30)
    rar.order.expected_end_date = TODAY() + dt.timedelta(days=28)
    rar.order.save()
    run_twice(jobs.rar_at_risk_alerts, TODAY())
    (message,) = keyed("rar-at-risk:")
    assert "30 of 30 RAR days remain" in message.payload["body"]


def test_rar_days_that_fit_raise_nothing(needy_case):
    RequirementFactory(order__case=needy_case, length=4)
    assert jobs.rar_at_risk_alerts(today=TODAY()) == 0


def test_concluding_nightly_twice_concludes_once():
    referral = ReferralFactory(
        status=S.WITHDRAWN, withdrawn_at=timezone.now(), withdrawal_reason="Moved"
    )
    assert run_twice(jobs.referrals_conclude_nightly, TODAY()) == 1
    referral.refresh_from_db()
    assert referral.status == S.CANCELLED
    assert referral.history.count() == 2


def test_every_job_has_a_beat_entry_and_a_task():
    from crc.celery import app

    schedule = app.conf.beat_schedule
    for name in jobs.DAILY_JOBS:
        assert schedule[f"interventions-{name}"]["task"] == f"interventions.{name}"
        assert f"interventions.{name}" in app.tasks


def test_a_revised_plan_does_not_make_sessions_count_twice_towards_the_report(walk, officer):
    from interventions import services

    referral = walk.approved(sessions=3)
    walk.session(referral, days_ago=5)
    plan = services.action_plan_submit(
        referral=referral, by=walk.caseworker, activities=["Shorter"], number_of_sessions=2
    )
    services.action_plan_approve(plan=plan, by=officer, version=plan.version)
    # One of two sessions recorded: no report is due yet, however many plans there were.
    assert jobs.end_report_overdue_alerts(today=TODAY() + dt.timedelta(days=30)) == 0
