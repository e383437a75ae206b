"""Redis dies while officers work: pages keep working, alerts wait in the outbox, and
when Redis returns each is delivered exactly once.

Real services: a private redis-server (killed and restarted on its port; other people
use the shared one), this test's database, a real Celery worker subprocess. The
officers' journey goes through the pages: a senior probation officer (re)allocates a
case, which alerts the officer it goes to (an inbox row and an e-mail).
"""

import datetime as dt
import time

import pytest
from django.urls import reverse

from crc.notifications import services as outbox
from crc.notifications.models import OutboxMessage
from tests.resilience.conftest import (
    MAX_SAVE_SECONDS,
    REDIS_OPTIONS,
    allocate,
    delivered_keys,
    grid_for,
    officers_browse,
    signed_in_client,
    wait_for,
)
from tests.resilience.ledger import check_exactly_once

pytestmark = pytest.mark.integration


def _undelivered() -> int:
    return OutboxMessage.objects.filter(delivered_at__isnull=True).count()


def test_alerts_raised_while_redis_is_down_are_delivered_once_when_it_returns(
    on_private_redis, start_worker, spo, officer, colleague, case
):
    redis = on_private_redis
    grid_for(case)
    worker = start_worker(broker_url=redis.url(0), transport_options=REDIS_OPTIONS)
    clients = {
        "spo": signed_in_client(spo),
        "officer": signed_in_client(officer),
        "colleague": signed_in_client(colleague),
    }
    # Alternate between the two officers: every allocation alerts the one it goes to.
    holders = [colleague, officer] * 3

    # Redis up: the alert of the first allocation is delivered at once.
    allocate(clients["spo"], case, holders[0])
    wait_for(lambda: _undelivered() == 0, "the first alert to be delivered", worker)

    # Redis dies (SIGKILL, no persistence: whatever it held is gone).
    redis.stop()
    assert clients["spo"].get(reverse("healthz")).status_code == 503
    officers_browse(clients, case)
    during = [allocate(clients["spo"], case, to) for to in holders[1:4]]
    officers_browse(clients, case)
    assert max(during) < MAX_SAVE_SECONDS, during
    # Saved, not delivered: the outbox holds them.
    assert OutboxMessage.objects.count() == 4
    assert _undelivered() == 3

    # Redis returns, empty. The worker reconnects by itself; the sweep (beat's job,
    # run here without waiting its minute) re-publishes what the outbox holds. Run
    # twice, so the worker also sees duplicates of the same messages.
    redis.start()
    wait_for(lambda: clients["spo"].get(reverse("healthz")).status_code == 200, "/healthz 200")
    assert outbox.outbox_sweep(stale_after=dt.timedelta(0)) == 3
    outbox.outbox_publish_many(
        list(OutboxMessage.objects.filter(delivered_at__isnull=True).values_list("pk", flat=True))
    )
    allocate(clients["spo"], case, holders[4])
    wait_for(lambda: _undelivered() == 0, "every alert to be delivered", worker)
    # A last message behind the duplicates: once it is delivered they have all been seen.
    allocate(clients["spo"], case, holders[5])
    wait_for(lambda: _undelivered() == 0, "the last alert to be delivered", worker)
    wait_for(lambda: len(delivered_keys(worker.email_dir)[1]) >= 6, "six e-mails", worker)
    time.sleep(1)

    expected = [
        (str(m.pk), recipient)
        for m in OutboxMessage.objects.all()
        for recipient in m.payload["recipient_ids"]
    ]
    assert len(expected) == 6
    inbox, emails = delivered_keys(worker.email_dir)
    check_exactly_once(expected, inbox, "inbox notifications")
    check_exactly_once(expected, emails, "e-mails")
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}
    officers_browse(clients, case)
