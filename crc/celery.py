"""The Celery application and its beat schedule.

Beat only ever enqueues sweeps. Future work is a row with a due date that a sweep
picks up (ARCHITECTURE.md, "Nothing is lost"), never a long ETA message that a broker
restart could drop.
"""

import os
from collections.abc import Callable, Mapping

from celery import Celery, shared_task
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crc.settings")

app = Celery("crc")
app.config_from_object("django.conf:settings", namespace="CELERY")
# With no arguments Celery's Django fix-up lists each AppConfig.name (the module path,
# "crc.notifications", not the label "notifications") and imports <name>.tasks.
# tests/notifications/test_sweep.py checks the tasks are found under their names.
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "deliver-undelivered-outbox-messages": {
        "task": "crc.notifications.tasks.sweep_outbox",
        "schedule": 60.0,
    },
}


def add_beat_entry(name: str, task: str, schedule: float | crontab) -> None:
    """Let a domain app add its periodic job without crc importing the app."""
    app.conf.beat_schedule[name] = {"task": task, "schedule": schedule}


# One retry policy for every app's dated jobs. It is safe because each job is idempotent
# (dedupe keys, unique source keys): acks_late redelivery and retries cannot tell anyone twice.
JOB_TASK_OPTIONS = {
    "acks_late": True,
    "ignore_result": True,
    "autoretry_for": (Exception,),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "max_retries": 3,
}


def job_tasks(app_name: str, jobs: Mapping[str, Callable[..., int]]) -> dict:
    """One thin Celery task per dated job, named "<app_name>.<job>" (explicit, so beat
    entries keep working if code moves), each running ``jobs[<job>]`` (looked up when it
    runs) with today's London date. Every domain app's tasks.py registers its jobs through
    this one helper instead of repeating the options and the wrapper; a new job in the
    mapping is a new task, as it is a new beat entry. Returns {job: task}."""
    return {name: _job_task(f"{app_name}.{name}", jobs, name) for name in jobs}


def _job_task(task_name: str, jobs: Mapping[str, Callable[..., int]], job_name: str):
    from django.utils import timezone

    def run() -> int:
        return jobs[job_name](today=timezone.localdate())

    run.__name__ = run.__qualname__ = job_name
    return shared_task(name=task_name, **JOB_TASK_OPTIONS)(run)
