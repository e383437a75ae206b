"""The nightly retention job: a thin wrapper around services.retention_sweep, which is
idempotent (what was erased is not found again), so acks_late redelivery is harmless."""

from celery import shared_task

from crc.retention import services


@shared_task(
    name="crc.retention.retention_sweep",
    acks_late=True,
    ignore_result=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=3,
)
def retention_sweep() -> int:
    return sum(report.erased for report in services.retention_sweep())
