"""Thin Celery wrappers around resettlement.jobs, one task per job.

Names are explicit ("resettlement.<job>") so beat entries keep working if code moves.
Each job is idempotent (dedupe keys), so acks_late redelivery and bounded retries cannot
tell anyone twice.
"""

from crc.celery import job_task
from resettlement import jobs

JOBS = jobs.DAILY_JOBS

screening_overdue_alerts = job_task("resettlement.screening_overdue_alerts", JOBS)
pre_release_review_reminders = job_task("resettlement.pre_release_review_reminders", JOBS)
pre_release_contact_alerts = job_task("resettlement.pre_release_contact_alerts", JOBS)
imminent_release_alerts = job_task("resettlement.imminent_release_alerts", JOBS)
release_date_change_notices = job_task("resettlement.release_date_change_notices", JOBS)
