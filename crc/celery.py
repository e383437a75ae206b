"""The Celery application and its beat schedule.

Beat only ever enqueues sweeps. Future work is a row with a due date that a sweep
picks up (ARCHITECTURE.md, "Nothing is lost"), never a long ETA message that a broker
restart could drop.
"""

import os

from celery import Celery
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
