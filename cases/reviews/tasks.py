"""Thin Celery wrappers around cases.reviews.jobs, one task per job.

Names are explicit ("cases.<job>") so beat entries keep working if code moves. Celery's
autodiscovery imports <app>.tasks, i.e. cases.tasks, not this module, so hooks.ready()
imports it to register the tasks with the worker. Each job is idempotent (dedupe keys,
unique source keys), so acks_late redelivery and bounded retries cannot duplicate work.
"""

from collections import ChainMap

from cases.reviews import jobs
from crc.celery import job_task

JOBS = ChainMap(jobs.DAILY_JOBS, jobs.WEEKLY_JOBS)

review_due_reminders = job_task("cases.review_due_reminders", JOBS)
review_overdue_alerts = job_task("cases.review_overdue_alerts", JOBS)
periodic_reviews_schedule = job_task("cases.periodic_reviews_schedule", JOBS)
triggered_reviews_detect = job_task("cases.triggered_reviews_detect", JOBS)
acceptability_reminders = job_task("cases.acceptability_reminders", JOBS)
service_centre_task_alerts = job_task("cases.service_centre_task_alerts", JOBS)
information_request_followups = job_task("cases.information_request_followups", JOBS)
registration_review_reminders = job_task("cases.registration_review_reminders", JOBS)
grid_shortfall_digest = job_task("cases.grid_shortfall_digest", JOBS)
