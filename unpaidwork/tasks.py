"""Thin Celery wrappers around unpaidwork.jobs, one task per job, named explicitly so
beat entries survive code moves. Jobs are idempotent (dedupe keys), so acks_late
redelivery and bounded retries cannot duplicate a notice."""

from crc.celery import job_task
from unpaidwork import jobs

JOBS = jobs.DAILY_JOBS

orders_at_risk_alerts = job_task("unpaidwork.orders_at_risk_alerts", JOBS)
no_session_alerts = job_task("unpaidwork.no_session_alerts", JOBS)
induction_overdue_alerts = job_task("unpaidwork.induction_overdue_alerts", JOBS)
ete_referral_missing_alerts = job_task("unpaidwork.ete_referral_missing_alerts", JOBS)
