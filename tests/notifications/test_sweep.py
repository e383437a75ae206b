"""The outbox sweep and the Celery tasks around it."""

import datetime as dt

import pytest
from django.utils import timezone

from crc.celery import app as celery_app
from crc.notifications import services, tasks
from crc.notifications.models import OutboxMessage
from tests.factories import OutboxMessageFactory


def _message(key: str, **fields) -> OutboxMessage:
    long_ago = timezone.now() - dt.timedelta(minutes=10)
    defaults = {"kind": "notification", "deliver_after": long_ago, "touched_at": long_ago}
    return OutboxMessageFactory(dedupe_key=key, **(defaults | fields))


def test_the_sweep_republishes_only_undelivered_due_and_quiet_messages(
    db, published, django_capture_on_commit_callbacks
):
    now = timezone.now()
    forgotten = _message("forgotten")
    _message("delivered", delivered_at=now)
    _message("in-flight", touched_at=now - dt.timedelta(seconds=5))
    _message("not-due", deliver_after=now + dt.timedelta(days=1))
    _message("given-up", attempts=services.SWEEP_MAX_ATTEMPTS)
    reminder = _message("reminder-now-due", deliver_after=now - dt.timedelta(seconds=1))

    with django_capture_on_commit_callbacks(execute=True):
        picked = services.outbox_sweep(now=now)

    assert picked == 2
    assert sorted(published) == sorted([str(forgotten.pk), str(reminder.pk)])
    forgotten.refresh_from_db()
    assert forgotten.touched_at == now


def test_a_second_sweep_straight_after_leaves_the_messages_alone(
    db, published, django_capture_on_commit_callbacks
):
    _message("forgotten")
    with django_capture_on_commit_callbacks(execute=True):
        services.outbox_sweep()
        services.outbox_sweep()
    assert len(published) == 1


def test_the_sweep_task_works_through_a_backlog_in_bounded_batches(
    db, published, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "SWEEP_BATCH_SIZE", 2)
    monkeypatch.setattr(tasks, "SWEEP_MAX_BATCHES", 2)
    for n in range(5):
        _message(f"backlog-{n}")

    with django_capture_on_commit_callbacks(execute=True):
        swept = tasks.sweep_outbox()

    assert swept == 4  # two batches of two; the fifth waits for the next run
    assert len(published) == 4


def test_a_sweep_during_a_broker_outage_stops_at_the_first_failure(db, monkeypatch):
    attempts = []

    def broker_down(message_id):
        attempts.append(message_id)
        return False

    monkeypatch.setattr(services, "_publish", broker_down)
    assert services.outbox_publish_many(["a", "b", "c"]) == 0
    assert attempts == ["a"]


def test_celery_discovers_the_tasks_under_their_stable_names():
    celery_app.loader.import_default_modules()
    assert "crc.notifications.tasks.deliver_outbox_message" in celery_app.tasks
    assert "crc.notifications.tasks.sweep_outbox" in celery_app.tasks
    beat = celery_app.conf.beat_schedule["deliver-undelivered-outbox-messages"]
    assert beat["task"] == tasks.sweep_outbox.name


def test_delivery_is_acknowledged_late_and_retried_a_bounded_number_of_times():
    task = tasks.deliver_outbox_message
    assert task.acks_late is True
    assert task.max_retries == 5
    assert task.autoretry_for == (Exception,)
    assert task.retry_backoff


@pytest.mark.django_db
def test_the_delivery_task_delivers(officer, mailoutbox):
    message = services.notification_send(
        recipients=[officer], subject="Hello", body="", category="test"
    )
    result = tasks.deliver_outbox_message.apply(args=[str(message.pk)])
    assert result.get() is True
    message.refresh_from_db()
    assert message.delivered_at is not None
    assert len(mailoutbox) == 1
