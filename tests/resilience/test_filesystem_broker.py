"""The embedded broker of `make run` (kombu's filesystem transport) loses its folder:
saves still succeed, the outbox holds the alerts, and once the folder is writable
again each is delivered exactly once.

The folder is made read-only with a read-only bind mount: the tests run as root in CI,
and root ignores permission bits. Without the right to mount (a developer's own
account), permission bits do the job.
"""

import contextlib
import datetime as dt
import os
import subprocess

import pytest
from django.urls import reverse

from crc.notifications import services as outbox
from crc.notifications.models import OutboxMessage
from tests.notifications.brokers import celery_broker, filesystem_transport_options
from tests.resilience.conftest import (
    MAX_SAVE_SECONDS,
    allocate,
    delivered_keys,
    grid_for,
    officers_browse,
    signed_in_client,
    wait_for,
)
from tests.resilience.ledger import check_exactly_once

pytestmark = pytest.mark.integration


@contextlib.contextmanager
def read_only(folder):
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    bind = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
    if bind.returncode != 0:
        pytest.skip(f"Cannot bind-mount as root here: {bind.stderr.decode().strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True)
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_alerts_raised_while_the_broker_folder_is_unwritable_are_delivered_once_later(
    start_worker, tmp_path, spo, officer, colleague, case
):
    grid_for(case)
    options = filesystem_transport_options(tmp_path / "broker")
    queue = tmp_path / "broker" / "queue"
    worker = start_worker(broker_url="filesystem://", transport_options=options)
    clients = {
        name: signed_in_client(user)
        for name, user in (("spo", spo), ("officer", officer), ("colleague", colleague))
    }
    holders = [colleague, officer] * 3

    with celery_broker("filesystem://", options):
        allocate(clients["spo"], case, holders[0])
        wait_for(lambda: OutboxMessage.objects.filter(delivered_at=None).count() == 0,
                 "the first alert to be delivered", worker)  # fmt: skip

        with read_only(queue):
            with pytest.raises(OSError):
                (queue / "probe").write_text("x")
            assert clients["spo"].get(reverse("healthz")).status_code == 503
            during = [allocate(clients["spo"], case, to) for to in holders[1:4]]
            officers_browse(clients, case)
            assert max(during) < MAX_SAVE_SECONDS, during
            assert OutboxMessage.objects.count() == 4
            assert OutboxMessage.objects.filter(delivered_at=None).count() == 3
            assert not list(queue.iterdir())

        # Writable again: the sweep re-publishes what the outbox holds.
        assert clients["spo"].get(reverse("healthz")).status_code == 200
        assert outbox.outbox_sweep(stale_after=dt.timedelta(0)) == 3
        allocate(clients["spo"], case, holders[4])
        wait_for(lambda: OutboxMessage.objects.filter(delivered_at=None).count() == 0,
                 "every alert to be delivered", worker)  # fmt: skip
        allocate(clients["spo"], case, holders[5])
        wait_for(lambda: OutboxMessage.objects.filter(delivered_at=None).count() == 0,
                 "the last alert to be delivered", worker)  # fmt: skip
    wait_for(lambda: len(delivered_keys(worker.email_dir)[1]) >= 6, "six e-mails", worker)

    expected = [
        (str(m.pk), recipient)
        for m in OutboxMessage.objects.all()
        for recipient in m.payload["recipient_ids"]
    ]
    assert len(expected) == 6
    inbox, emails = delivered_keys(worker.email_dir)
    check_exactly_once(expected, inbox, "inbox notifications")
    check_exactly_once(expected, emails, "e-mails")
