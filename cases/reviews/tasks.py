"""Thin Celery wrappers around cases.reviews.jobs, one task per job.

Names are explicit ("cases.<job>") so beat entries keep working if code moves. Celery's
autodiscovery imports <app>.tasks, i.e. cases.tasks, not this module, so hooks.ready()
imports it to register the tasks with the worker. Each job is idempotent (dedupe keys,
unique source keys), so acks_late redelivery and bounded retries cannot duplicate work.
"""

from collections import ChainMap

from cases.reviews import jobs
from crc.celery import job_tasks

JOBS = ChainMap(jobs.DAILY_JOBS, jobs.WEEKLY_JOBS)

TASKS = job_tasks("cases", JOBS)
