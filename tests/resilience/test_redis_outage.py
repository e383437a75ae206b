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
from django.test import Client
from django.urls import reverse

from cases.models import GridPhase
from crc.notifications import services as outbox
from crc.notifications.models import OutboxMessage
from tests.conftest import sign_in
from tests.factories import GridRuleFactory
from tests.resilience.conftest import REDIS_OPTIONS, delivered_keys, wait_for
from tests.resilience.ledger import check_exactly_once

pytestmark = pytest.mark.integration

# A save with the broker down waits out the publish retry policy, no more.
MAX_SAVE_SECONDS = 5.0


def _client(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def _allocate(client: Client, case, officer) -> float:
    started = time.monotonic()
    response = client.post(
        reverse("cases:allocate", args=[case.crn]),
        {"officer": str(officer.pk), "reason": "Cover while on leave"},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    return time.monotonic() - started


def _officers_browse(clients: dict, case) -> None:
    pages = [reverse("home"), reverse("cases:caseload"), reverse("notifications:inbox")]
    for name, client in clients.items():
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, (name, url, response.status_code)
    response = clients["spo"].get(reverse("cases:overview", args=[case.crn]))
    assert response.status_code == 200


def _undelivered() -> int:
    return OutboxMessage.objects.filter(delivered_at__isnull=True).count()


def test_alerts_raised_while_redis_is_down_are_delivered_once_when_it_returns(
    on_private_redis, start_worker, spo, officer, colleague, case
):
    redis = on_private_redis
    # The Grid is seeded by a migration, which a transactional test's flush empties.
    for phase in GridPhase.values:
        GridRuleFactory(tier=case.tier, phase=phase)
    worker = start_worker(broker_url=redis.url(0), transport_options=REDIS_OPTIONS)
    clients = {"spo": _client(spo), "officer": _client(officer), "colleague": _client(colleague)}
    # Alternate between the two officers: every allocation alerts the one it goes to.
    holders = [colleague, officer] * 3

    # Redis up: the alert of the first allocation is delivered at once.
    _allocate(clients["spo"], case, holders[0])
    wait_for(lambda: _undelivered() == 0, "the first alert to be delivered", worker)

    # Redis dies (SIGKILL, no persistence: whatever it held is gone).
    redis.stop()
    assert clients["spo"].get(reverse("healthz")).status_code == 503
    _officers_browse(clients, case)
    during = [_allocate(clients["spo"], case, to) for to in holders[1:4]]
    _officers_browse(clients, case)
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
    _allocate(clients["spo"], case, holders[4])
    wait_for(lambda: _undelivered() == 0, "every alert to be delivered", worker)
    # A last message behind the duplicates: once it is delivered they have all been seen.
    _allocate(clients["spo"], case, holders[5])
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
    _officers_browse(clients, case)
