"""Celery tasks: thin wrappers that take ids and call a service.

Names are explicit so beat entries and messages already queued keep working when
code moves. Delivery is acks_late (settings) and idempotent (outbox_deliver), with a
bounded exponential retry; whatever still fails is re-published by the sweep.
"""

from celery import shared_task

from crc.notifications import services

SWEEP_MAX_BATCHES = 10


@shared_task(
    name="crc.notifications.tasks.deliver_outbox_message",
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=5,
)
def deliver_outbox_message(message_id: str) -> bool:
    return services.outbox_deliver(message_id=message_id)


@shared_task(name="crc.notifications.tasks.sweep_outbox", acks_late=True, ignore_result=True)
def sweep_outbox() -> int:
    """Beat runs this every minute. Bounded: at most SWEEP_MAX_BATCHES batches a run."""
    total = 0
    for _ in range(SWEEP_MAX_BATCHES):
        picked = services.outbox_sweep(batch_size=services.SWEEP_BATCH_SIZE)
        total += picked
        if picked < services.SWEEP_BATCH_SIZE:
            break
    return total
