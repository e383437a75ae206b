"""A real Celery worker delivers what a broker outage left behind, exactly once.

Starts `celery -A crc worker` as a subprocess on this test's database and the
configured broker (Redis in CI; a throwaway folder for the filesystem transport, so
stale messages in the developer's var/broker are never picked up).
"""

import datetime as dt
import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from crc.celery import app as celery_app
from crc.notifications import services
from crc.notifications.models import Notification, OutboxMessage
from tests.notifications.brokers import (
    UNREACHABLE_BROKER_URL,
    celery_broker,
    filesystem_transport_options,
)

pytestmark = pytest.mark.integration

WAIT_SECONDS = 30
DELIVER = "crc.notifications.tasks.deliver_outbox_message"
SWEEP = "crc.notifications.tasks.sweep_outbox"


@dataclass
class Worker:
    process: subprocess.Popen
    queue: str
    broker_url: str
    transport_options: dict
    email_dir: Path
    log: Path

    def send(self, name: str, *args) -> None:
        with celery_broker(self.broker_url, self.transport_options):
            celery_app.send_task(name, args=list(args), queue=self.queue)

    def emails(self) -> list[str]:
        """Every e-mail the worker wrote (the file backend appends one per message)."""
        text = "".join(p.read_text() for p in sorted(self.email_dir.glob("*.log")))
        return [part for part in text.split("-" * 79) if "Subject:" in part]

    def wait_for(self, condition, what: str) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            if condition():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.25)
        tail = self.log.read_text()[-4000:] if self.log.exists() else ""
        pytest.fail(f"Waited {WAIT_SECONDS}s for {what}. Worker log:\n{tail}")


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        # settings.DATABASES["default"]["TEST"]["NAME"]: a file both processes open.
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    if connection.vendor == "postgresql":
        password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
        host = db.get("HOST") or "127.0.0.1"
        port = db.get("PORT") or 5432
        return f"postgres://{quote(db['USER'], safe='')}{password}@{host}:{port}/{db['NAME']}"
    pytest.skip(f"No worker wiring for {connection.vendor}")


@pytest.fixture
def worker(transactional_db, tmp_path):
    var_dir = tmp_path / "var"
    email_dir = tmp_path / "mail"
    email_dir.mkdir()
    queue = f"crc-test-{uuid.uuid4().hex[:12]}"
    broker_url = settings.CELERY_BROKER_URL
    if broker_url.startswith(("filesystem://", "memory://")):
        # One folder of this test's own, shared by the worker (through CRC_VAR_DIR,
        # from which settings derive the broker folder) and this process.
        broker_url = "filesystem://"
        transport_options = filesystem_transport_options(var_dir / "broker")
    else:
        transport_options = dict(settings.CELERY_BROKER_TRANSPORT_OPTIONS)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
        "PYTHONPATH": str(settings.BASE_DIR),
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": broker_url,
        "CRC_VAR_DIR": str(var_dir),
        "CRC_TEST_EMAIL_DIR": str(email_dir),
        "CRC_TEST_QUEUE": queue,
    }
    log = tmp_path / "worker.log"
    celery = Path(sys.executable).parent / "celery"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                str(celery), "-A", "crc", "worker", "--loglevel=INFO", "--concurrency=1",
                "--pool=solo", "--without-gossip", "--without-mingle", "--without-heartbeat",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        yield Worker(process, queue, broker_url, transport_options, email_dir, log)
    finally:
        # Before transactional_db flushes the tables the worker may still hold open.
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _raise_notification(recipient, subject: str) -> OutboxMessage:
    """A user's change that raises a notification, saved while the broker is down."""
    with celery_broker(UNREACHABLE_BROKER_URL), transaction.atomic():
        message = services.notification_send(
            recipients=[recipient],
            subject=subject,
            body="Jo Bloggs missed an appointment.",
            url="/cases/12/",
            category="enforcement",
        )
    return message


def test_a_worker_delivers_what_a_broker_outage_left_behind_exactly_once(worker, officer):
    message = _raise_notification(officer, "Enforcement decision due")

    # The save committed; nothing reached the worker.
    message.refresh_from_db()
    assert message.delivered_at is None
    assert not Notification.objects.exists()

    # The broker is back and a minute has passed: the sweep (run by the worker, as
    # beat would have it) re-publishes the message and the worker delivers it.
    OutboxMessage.objects.filter(pk=message.pk).update(
        touched_at=timezone.now() - dt.timedelta(minutes=2)
    )
    worker.send(SWEEP)
    worker.wait_for(
        lambda: OutboxMessage.objects.filter(pk=message.pk, delivered_at__isnull=False).exists(),
        "the swept message to be delivered",
    )

    # Duplicates (a second publish, an unacknowledged redelivery) change nothing. A
    # second message queued behind them tells us when the worker has got past them.
    worker.send(DELIVER, str(message.pk))
    worker.send(DELIVER, str(message.pk))
    marker = _raise_notification(officer, "Marker")
    worker.send(DELIVER, str(marker.pk))
    worker.wait_for(
        lambda: Notification.objects.filter(source_message=marker).exists(),
        "the marker message to be delivered",
    )

    assert Notification.objects.filter(source_message=message, recipient=officer).count() == 1
    emails = worker.emails()
    # E-mails carry only a link to the notification (never its subject or the case), so
    # each delivery is counted by its link.
    delivered = Notification.objects.get(source_message=message, recipient=officer)
    marker_note = Notification.objects.get(source_message=marker, recipient=officer)
    assert sum(f"/notifications/{delivered.pk}/" in e for e in emails) == 1
    assert sum(f"/notifications/{marker_note.pk}/" in e for e in emails) == 1
    assert not any("Enforcement decision due" in e for e in emails)
    assert all("To: officer@crc.example" in e for e in emails)
    message.refresh_from_db()
    assert message.attempts == 1
    assert message.last_error == ""
