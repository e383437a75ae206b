"""Thin Celery wrappers around interventions.jobs, one task per job, named
"interventions.<job>" so beat entries survive code moves. Every job is idempotent, so
acks_late redelivery and bounded retries cannot duplicate work."""

from crc.celery import job_tasks
from interventions import jobs

TASKS = job_tasks("interventions", jobs.DAILY_JOBS)
