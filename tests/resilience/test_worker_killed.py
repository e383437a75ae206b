"""A worker SIGKILLed in the middle of delivering an alert: the task runs again on
another worker and its effect (an inbox row, an e-mail) happens once.

acks_late + reject_on_worker_lost (settings) leave the message unacknowledged in Redis
when the worker dies; Redis hands it out again after the visibility timeout (an hour
in production, VISIBILITY_TIMEOUT seconds here). The killed attempt's writes die with
its transaction; outbox_deliver and the unique (message, recipient) key make the
second attempt the only one that counts.
"""

import time

import pytest
from django.db import transaction

from crc.notifications import services
from crc.notifications.models import Notification, OutboxMessage
from tests.resilience.conftest import REDIS_OPTIONS, delivered_keys, wait_for
from tests.resilience.ledger import check_exactly_once

pytestmark = pytest.mark.integration


def test_a_task_killed_mid_way_runs_again_and_its_effect_happens_once(
    on_private_redis, start_worker, officer, case, tmp_path
):
    redis = on_private_redis
    in_the_middle = tmp_path / "worker-is-sending-mail"
    first = start_worker(
        broker_url=redis.url(0),
        transport_options=REDIS_OPTIONS,
        slow_mail_flag=str(in_the_middle),
    )

    with transaction.atomic():
        message = services.notification_send(
            recipients=[officer],
            subject="Enforcement decision due",
            body="Jo Bloggs missed an appointment.",
            url=f"/cases/{case.crn}/",
            category="enforcement",
        )

    # The worker has written the inbox row (uncommitted) and is sending the e-mail.
    wait_for(in_the_middle.exists, "the worker to be in the middle of the task", first)
    first.kill()
    assert not first.alive()
    message.refresh_from_db()
    assert message.delivered_at is None
    assert not Notification.objects.exists()  # the killed attempt's writes rolled back

    killed_at = time.monotonic()
    second = start_worker(
        broker_url=redis.url(0),
        transport_options=REDIS_OPTIONS,
        slow_mail_flag=str(in_the_middle),
    )
    wait_for(
        lambda: OutboxMessage.objects.filter(pk=message.pk, delivered_at__isnull=False).exists(),
        "the unacknowledged task to run again",
        second,
    )
    # Redelivered by the broker (not by the outbox sweep, which nobody ran).
    assert "deliver_outbox_message" in second.tail()
    assert time.monotonic() - killed_at < 60

    # A second message behind it: once it is delivered, nothing else is in flight.
    with transaction.atomic():
        marker = services.notification_send(
            recipients=[officer], subject="Marker", body="", category="test"
        )
    wait_for(
        lambda: OutboxMessage.objects.filter(pk=marker.pk, delivered_at__isnull=False).exists(),
        "the marker to be delivered",
        second,
    )
    wait_for(lambda: len(delivered_keys(second.email_dir)[1]) >= 2, "two e-mails", second)

    expected = [(str(message.pk), officer.pk), (str(marker.pk), officer.pk)]
    inbox, emails = delivered_keys(second.email_dir)
    check_exactly_once(expected, inbox, "inbox notifications")
    check_exactly_once(expected, emails, "e-mails")
    message.refresh_from_db()
    # The killed attempt never finished, so it recorded nothing; the second is the one.
    assert message.attempts == 1
