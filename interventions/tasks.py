"""Thin Celery wrappers around interventions.jobs, one task per job, named
"interventions.<job>" so beat entries survive code moves. Every job is idempotent, so
acks_late redelivery and bounded retries cannot duplicate work."""

from crc.celery import job_task
from interventions import jobs

JOBS = jobs.DAILY_JOBS

referral_unassigned_reminders = job_task("interventions.referral_unassigned_reminders", JOBS)
action_plan_approval_reminders = job_task("interventions.action_plan_approval_reminders", JOBS)
session_gap_alerts = job_task("interventions.session_gap_alerts", JOBS)
end_report_overdue_alerts = job_task("interventions.end_report_overdue_alerts", JOBS)
rar_at_risk_alerts = job_task("interventions.rar_at_risk_alerts", JOBS)
referrals_conclude_nightly = job_task("interventions.referrals_conclude_nightly", JOBS)
