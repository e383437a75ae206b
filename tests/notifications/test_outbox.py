"""outbox_enqueue, outbox_deliver and the handler registry."""

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from crc.notifications import delivery, services
from crc.notifications.delivery import handler_for, register_handler
from crc.notifications.models import Notification, OutboxMessage
from tests.notifications.brokers import UNREACHABLE_BROKER_URL, celery_broker


@pytest.fixture
def add_handler(monkeypatch):
    """Register a throwaway outbox kind for one test only."""
    return lambda kind, func: monkeypatch.setitem(delivery._handlers, kind, func)


@pytest.fixture
def recorded_kind(add_handler):
    """A throwaway outbox kind whose handler records what it was given."""
    seen: list[OutboxMessage] = []

    def handler(*, message):
        seen.append(message)

    add_handler("test_recorded", handler)
    return seen


def test_it_publishes_the_delivery_task_only_once_the_transaction_commits(
    db, published, recorded_kind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = services.outbox_enqueue(kind="test_recorded", payload={"n": 1})
        assert published == []
    assert len(callbacks) == 1
    assert published == [str(message.pk)]


def test_a_dedupe_key_makes_one_row_and_one_publish(
    db, published, recorded_kind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.outbox_enqueue(kind="test_recorded", payload={"n": 1}, dedupe_key="k-1")
        second = services.outbox_enqueue(kind="test_recorded", payload={"n": 2}, dedupe_key="k-1")
    assert first.pk == second.pk
    assert second.payload == {"n": 1}  # the first enqueue wins
    assert OutboxMessage.objects.filter(dedupe_key="k-1").count() == 1
    assert published == [str(first.pk)]


def test_deferred_work_is_not_published_until_the_sweep_finds_it_due(
    db, published, recorded_kind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.outbox_enqueue(
            kind="test_recorded",
            payload={},
            deliver_after=timezone.now() + dt.timedelta(days=3),
        )
    assert callbacks == []
    assert published == []


def test_it_refuses_a_kind_nobody_handles(db):
    with pytest.raises(ValueError, match="No outbox handler"):
        services.outbox_enqueue(kind="no_such_kind", payload={})
    assert not OutboxMessage.objects.exists()


def test_a_kind_cannot_be_claimed_by_two_handlers(monkeypatch):
    monkeypatch.setattr(delivery, "_handlers", {})
    register_handler("test_claimed", print)
    register_handler("test_claimed", print)  # the same handler again is fine
    with pytest.raises(ImproperlyConfigured):
        register_handler("test_claimed", repr)


def test_the_notification_handler_is_registered_by_the_app():
    assert handler_for("notification") is services.notification_deliver


@pytest.mark.django_db(transaction=True)
def test_a_broker_outage_never_fails_the_save(real_publish, officer, caplog):
    with celery_broker(UNREACHABLE_BROKER_URL), transaction.atomic():
        message = services.notification_send(
            recipients=[officer], subject="Review due", body="", category="review"
        )
    # The transaction committed and publishing failed quietly; the sweep takes over.
    message.refresh_from_db()
    assert message.delivered_at is None
    assert message.attempts == 0
    assert not Notification.objects.exists()
    assert "the sweep will deliver it later" in caplog.text


def test_delivering_runs_the_handler_once_and_marks_the_message_delivered(db, recorded_kind):
    message = services.outbox_enqueue(kind="test_recorded", payload={"n": 1})

    assert services.outbox_deliver(message_id=message.pk) is True
    assert services.outbox_deliver(message_id=message.pk) is False

    message.refresh_from_db()
    assert [m.pk for m in recorded_kind] == [message.pk]
    assert message.delivered_at is not None
    assert message.attempts == 1


def test_delivering_a_message_that_does_not_exist_does_nothing(db):
    assert services.outbox_deliver(message_id="6f1c1d3e-0000-4000-8000-000000000000") is False


def test_a_failed_attempt_is_recorded_rolled_back_and_re_raised(db, officer, add_handler):
    def failing(*, message):
        Notification.objects.create(recipient=officer, subject="half-done", source_message=message)
        raise ConnectionError("partner API timed out")

    add_handler("test_failing", failing)
    message = services.outbox_enqueue(kind="test_failing", payload={})

    with pytest.raises(ConnectionError):
        services.outbox_deliver(message_id=message.pk)

    message.refresh_from_db()
    assert message.delivered_at is None
    assert message.attempts == 1
    assert message.last_error == "ConnectionError: partner API timed out"
    assert not Notification.objects.exists()  # the handler's writes were undone


def test_a_delivery_that_loses_the_race_undoes_its_work(db, officer, add_handler):
    """SQLite has no row locks: the conditional update is what stops a double delivery."""

    def racing(*, message):
        Notification.objects.create(recipient=officer, subject="duplicate", source_message=message)
        # Another worker commits the delivery while this one is still in its handler.
        OutboxMessage.objects.filter(pk=message.pk).update(delivered_at=timezone.now())

    add_handler("test_racing", racing)
    message = services.outbox_enqueue(kind="test_racing", payload={})

    assert services.outbox_deliver(message_id=message.pk) is False
    assert not Notification.objects.exists()
