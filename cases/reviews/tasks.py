"""Thin Celery wrappers around cases.reviews.jobs, one task per job.

Names are explicit ("cases.<job>") so beat entries keep working if code moves. Celery's
autodiscovery imports <app>.tasks, i.e. cases.tasks, not this module, so hooks.ready()
imports it to register the tasks with the worker. Each job is idempotent (dedupe keys,
unique source keys), so acks_late redelivery and bounded retries cannot duplicate work.
"""

from celery import shared_task
from django.utils import timezone

from cases.reviews import jobs

_OPTIONS = {
    "acks_late": True,
    "ignore_result": True,
    "autoretry_for": (Exception,),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "max_retries": 3,
}


def _run(name: str) -> int:
    job = {**jobs.DAILY_JOBS, **jobs.WEEKLY_JOBS}[name]
    return job(today=timezone.localdate())


@shared_task(name="cases.review_due_reminders", **_OPTIONS)
def review_due_reminders() -> int:
    return _run("review_due_reminders")


@shared_task(name="cases.review_overdue_alerts", **_OPTIONS)
def review_overdue_alerts() -> int:
    return _run("review_overdue_alerts")


@shared_task(name="cases.periodic_reviews_schedule", **_OPTIONS)
def periodic_reviews_schedule() -> int:
    return _run("periodic_reviews_schedule")


@shared_task(name="cases.triggered_reviews_detect", **_OPTIONS)
def triggered_reviews_detect() -> int:
    return _run("triggered_reviews_detect")


@shared_task(name="cases.acceptability_reminders", **_OPTIONS)
def acceptability_reminders() -> int:
    return _run("acceptability_reminders")


@shared_task(name="cases.service_centre_task_alerts", **_OPTIONS)
def service_centre_task_alerts() -> int:
    return _run("service_centre_task_alerts")


@shared_task(name="cases.information_request_followups", **_OPTIONS)
def information_request_followups() -> int:
    return _run("information_request_followups")


@shared_task(name="cases.registration_review_reminders", **_OPTIONS)
def registration_review_reminders() -> int:
    return _run("registration_review_reminders")


@shared_task(name="cases.grid_shortfall_digest", **_OPTIONS)
def grid_shortfall_digest() -> int:
    return _run("grid_shortfall_digest")
