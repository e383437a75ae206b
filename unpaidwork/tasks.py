"""Thin Celery wrappers around unpaidwork.jobs, one task per job, named explicitly so
beat entries survive code moves. Jobs are idempotent (dedupe keys), so acks_late
redelivery and bounded retries cannot duplicate a notice."""

from celery import shared_task
from django.utils import timezone

from unpaidwork import jobs

OPTIONS = {
    "acks_late": True,
    "ignore_result": True,
    "autoretry_for": (Exception,),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "max_retries": 3,
}


def run(name: str) -> int:
    return jobs.DAILY_JOBS[name](today=timezone.localdate())


@shared_task(name="unpaidwork.orders_at_risk_alerts", **OPTIONS)
def orders_at_risk_alerts() -> int:
    return run("orders_at_risk_alerts")


@shared_task(name="unpaidwork.no_session_alerts", **OPTIONS)
def no_session_alerts() -> int:
    return run("no_session_alerts")


@shared_task(name="unpaidwork.induction_overdue_alerts", **OPTIONS)
def induction_overdue_alerts() -> int:
    return run("induction_overdue_alerts")


@shared_task(name="unpaidwork.ete_referral_missing_alerts", **OPTIONS)
def ete_referral_missing_alerts() -> int:
    return run("ete_referral_missing_alerts")
