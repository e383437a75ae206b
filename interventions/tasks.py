"""Thin Celery wrappers around interventions.jobs, one task per job, named
"interventions.<job>" so beat entries survive code moves. Every job is idempotent, so
acks_late redelivery and bounded retries cannot duplicate work."""

from celery import shared_task
from django.utils import timezone

from interventions import jobs

_OPTIONS = {
    "acks_late": True,
    "ignore_result": True,
    "autoretry_for": (Exception,),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "max_retries": 3,
}


def _run(name: str) -> int:
    return jobs.DAILY_JOBS[name](today=timezone.localdate())


@shared_task(name="interventions.referral_unassigned_reminders", **_OPTIONS)
def referral_unassigned_reminders() -> int:
    return _run("referral_unassigned_reminders")


@shared_task(name="interventions.action_plan_approval_reminders", **_OPTIONS)
def action_plan_approval_reminders() -> int:
    return _run("action_plan_approval_reminders")


@shared_task(name="interventions.session_gap_alerts", **_OPTIONS)
def session_gap_alerts() -> int:
    return _run("session_gap_alerts")


@shared_task(name="interventions.end_report_overdue_alerts", **_OPTIONS)
def end_report_overdue_alerts() -> int:
    return _run("end_report_overdue_alerts")


@shared_task(name="interventions.rar_at_risk_alerts", **_OPTIONS)
def rar_at_risk_alerts() -> int:
    return _run("rar_at_risk_alerts")


@shared_task(name="interventions.referrals_conclude_nightly", **_OPTIONS)
def referrals_conclude_nightly() -> int:
    return _run("referrals_conclude_nightly")
