"""Thin Celery wrappers around unpaidwork.jobs, one task per job, named explicitly so
beat entries survive code moves. Jobs are idempotent (dedupe keys), so acks_late
redelivery and bounded retries cannot duplicate a notice."""

from crc.celery import job_tasks
from unpaidwork import jobs

TASKS = job_tasks("unpaidwork", jobs.DAILY_JOBS)
