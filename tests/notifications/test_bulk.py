"""Sending many notifications at once (the nightly jobs): one INSERT of outbox rows
however many messages, one INSERT of inbox rows however many recipients, and still
exactly once: the dedupe key holds across runs and within one, a rerun adds and
publishes nothing, and a delivery repeated adds no notification and no e-mail."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crc.notifications import services
from crc.notifications.models import Notification, OutboxMessage
from crc.notifications.services import NotificationItem, OutboxItem
from tests.factories import CaseFactory, StaffFactory

pytestmark = pytest.mark.django_db


def inserts_into(queries, table: str) -> int:
    # INSERT INTO, INSERT OR IGNORE INTO (SQLite) or INSERT ... ON CONFLICT (PostgreSQL).
    return sum(
        1
        for q in queries.captured_queries
        if q["sql"].startswith("INSERT ") and f'INTO "{table}"' in q["sql"]
    )


def items(count: int, *, recipients, prefix: str = "job", url: str = "/cases/") -> list:
    return [
        NotificationItem(
            recipients=recipients,
            subject=f"Reminder {n}",
            body=f"Something is due ({n}).",
            url=url,
            category="reminder",
            dedupe_key=f"{prefix}:{n}",
        )
        for n in range(count)
    ]


def test_many_messages_are_one_insert_and_one_publish_after_commit(
    officer, colleague, published, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        CaptureQueriesContext(connection) as queries,
    ):
        created = services.notification_send_many(items=items(30, recipients=[officer, colleague]))

    assert len(created) == 30
    assert inserts_into(queries, "notifications_outboxmessage") == 1
    assert len(callbacks) == 1
    assert sorted(published) == sorted(str(m.pk) for m in created)
    message = OutboxMessage.objects.get(dedupe_key="job:7")
    assert message.kind == "notification"
    assert message.payload["recipient_ids"] == sorted([officer.pk, colleague.pk])
    assert message.payload["subject"] == "Reminder 7"


def test_a_rerun_creates_and_publishes_nothing(
    officer, published, django_capture_on_commit_callbacks
):
    services.notification_send_many(items=items(5, recipients=[officer]))
    first = set(OutboxMessage.objects.values_list("pk", "dedupe_key"))
    published.clear()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = services.notification_send_many(items=items(5, recipients=[officer]))

    assert again == []
    assert callbacks == []
    assert published == []
    assert set(OutboxMessage.objects.values_list("pk", "dedupe_key")) == first


def test_a_rerun_with_new_cases_creates_only_the_new_ones(
    officer, published, django_capture_on_commit_callbacks
):
    services.notification_send_many(items=items(3, recipients=[officer]))
    published.clear()

    with django_capture_on_commit_callbacks(execute=True):
        created = services.notification_send_many(items=items(5, recipients=[officer]))

    assert sorted(m.dedupe_key for m in created) == ["job:3", "job:4"]
    assert sorted(published) == sorted(str(m.pk) for m in created)
    assert OutboxMessage.objects.count() == 5


def test_the_first_item_with_a_key_wins_within_one_call(officer, colleague):
    [message] = services.notification_send_many(
        items=[
            NotificationItem(
                recipients=[officer], subject="First", body="", category="c", dedupe_key="k"
            ),
            NotificationItem(
                recipients=[colleague], subject="Second", body="", category="c", dedupe_key="k"
            ),
        ]
    )
    assert message.payload["subject"] == "First"
    assert OutboxMessage.objects.get().payload["recipient_ids"] == [officer.pk]


def test_a_key_the_single_send_used_is_not_sent_again(officer):
    services.notification_send(
        recipients=[officer], subject="Once", body="", category="c", dedupe_key="job:0"
    )
    assert services.notification_send_many(items=items(1, recipients=[officer])) == []
    assert OutboxMessage.objects.get().payload["subject"] == "Once"


def test_items_with_nobody_to_tell_are_skipped(officer):
    created = services.notification_send_many(
        items=[*items(1, recipients=[]), *items(1, recipients=[officer], prefix="other")]
    )
    assert [m.dedupe_key for m in created] == ["other:0"]


def test_a_deferred_message_waits_for_the_sweep(
    officer, published, django_capture_on_commit_callbacks
):
    later = timezone.now() + dt.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        [message] = services.outbox_enqueue_many(
            items=[
                OutboxItem(
                    kind="notification",
                    payload={"recipient_ids": [officer.pk], "subject": "Later"},
                    dedupe_key="later",
                    deliver_after=later,
                )
            ]
        )
    assert published == []
    assert OutboxMessage.objects.get(pk=message.pk).deliver_after == later


def test_an_unknown_kind_is_refused_and_nothing_is_written(officer):
    with pytest.raises(ValueError, match="No outbox handler"):
        services.outbox_enqueue_many(
            items=[
                OutboxItem(kind="notification", payload={"recipient_ids": [officer.pk]}),
                OutboxItem(kind="no-such-kind", payload={}),
            ]
        )
    assert not OutboxMessage.objects.exists()


def test_a_bad_link_is_refused_and_nothing_is_written(officer):
    with pytest.raises(services.NotificationError):
        services.notification_send_many(
            items=[*items(2, recipients=[officer]), *items(1, recipients=[officer], url="//x")]
        )
    assert not OutboxMessage.objects.exists()


def test_the_case_a_link_points_at_is_recorded(officer):
    case = CaseFactory(crn="C654321", responsible_officer=officer, team=officer.team)
    [message] = services.notification_send_many(
        items=items(1, recipients=[officer], url=f"/cases/{case.crn}/reviews/")
    )
    assert message.case_crn == "C654321"
    assert message.payload["case_crn"] == "C654321"


def test_delivery_to_many_recipients_is_one_insert_and_happens_once(service_centre, mailoutbox):
    staff = [service_centre, *StaffFactory.create_batch(14, role="service_centre", team=None)]
    case = CaseFactory(crn="D111111")
    [message] = services.notification_send_many(
        items=items(1, recipients=staff, url=f"/cases/{case.crn}/")
    )

    with CaptureQueriesContext(connection) as queries:
        assert services.outbox_deliver(message_id=message.pk) is True

    assert inserts_into(queries, "notifications_notification") == 1
    assert Notification.objects.filter(source_message=message).count() == 15
    assert len(mailoutbox) == 15
    # Delivered again (a redelivered broker message): nothing more.
    assert services.outbox_deliver(message_id=message.pk) is False
    services.notification_deliver(message=OutboxMessage.objects.get(pk=message.pk))
    assert Notification.objects.filter(source_message=message).count() == 15
    assert len(mailoutbox) == 15


def test_a_partly_delivered_message_adds_only_the_missing_recipients(
    officer, colleague, mailoutbox
):
    [message] = services.notification_send_many(items=items(1, recipients=[officer, colleague]))
    Notification.objects.create(
        source_message=message, recipient=officer, subject="Reminder 0", category="reminder"
    )

    services.notification_deliver(message=message)

    assert sorted(
        Notification.objects.filter(source_message=message).values_list("recipient", flat=True)
    ) == sorted([officer.pk, colleague.pk])
    assert [m.to for m in mailoutbox] == [[colleague.email]]
