"""Thin Celery wrappers around resettlement.jobs, one task per job.

Names are explicit ("resettlement.<job>") so beat entries keep working if code moves.
Each job is idempotent (dedupe keys), so acks_late redelivery and bounded retries cannot
tell anyone twice.
"""

from celery import shared_task
from django.utils import timezone

from resettlement import jobs

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


@shared_task(name="resettlement.screening_overdue_alerts", **OPTIONS)
def screening_overdue_alerts() -> int:
    return run("screening_overdue_alerts")


@shared_task(name="resettlement.pre_release_review_reminders", **OPTIONS)
def pre_release_review_reminders() -> int:
    return run("pre_release_review_reminders")


@shared_task(name="resettlement.pre_release_contact_alerts", **OPTIONS)
def pre_release_contact_alerts() -> int:
    return run("pre_release_contact_alerts")


@shared_task(name="resettlement.imminent_release_alerts", **OPTIONS)
def imminent_release_alerts() -> int:
    return run("imminent_release_alerts")


@shared_task(name="resettlement.release_date_change_notices", **OPTIONS)
def release_date_change_notices() -> int:
    return run("release_date_change_notices")
