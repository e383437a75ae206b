"""Thin Celery wrappers around resettlement.jobs, one task per job.

Names are explicit ("resettlement.<job>") so beat entries keep working if code moves.
Each job is idempotent (dedupe keys), so acks_late redelivery and bounded retries cannot
tell anyone twice.
"""

from crc.celery import job_tasks
from resettlement import jobs

TASKS = job_tasks("resettlement", jobs.DAILY_JOBS)
