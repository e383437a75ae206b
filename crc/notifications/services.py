"""Every write of the jobs and notifications backbone.

The outbox: ``outbox_enqueue`` writes a row in the caller's transaction and publishes a
delivery task once that transaction commits; ``outbox_deliver`` runs the row's handler
at most once to completion; ``outbox_sweep`` re-publishes what is still undelivered.
A broker outage therefore never fails a save (publishing errors are logged, not
raised) and never loses work (the row stays until a delivery succeeds).
"""

import datetime as dt
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from crc.notifications import selectors
from crc.notifications.delivery import handler_for, is_registered

# Re-exported: the "notification" handler and its e-mail live in inbox.py.
from crc.notifications.inbox import notification_deliver, notification_email_text  # noqa: F401
from crc.notifications.models import (
    Notification,
    OutboxMessage,
    case_crn_from_path,
    validate_relative_path,
)

logger = logging.getLogger(__name__)

NOTIFICATION_KIND = "notification"

# The sweep leaves a row alone this long after anything happened to it, so it does not
# re-publish a message whose first delivery (or Celery's own retry) is still in flight.
SWEEP_STALE_AFTER = dt.timedelta(seconds=60)
SWEEP_BATCH_SIZE = 200
# After this many failed attempts the sweep stops re-publishing a message: it stays in
# the admin ("Stuck" filter) for someone to look at and "Deliver now", instead of
# failing every minute for ever.
SWEEP_MAX_ATTEMPTS = 30
_ERROR_LIMIT = 2000
# Rows per INSERT (and keys per IN list) when a job enqueues thousands of messages.
ENQUEUE_BATCH_SIZE = 1000


class NotificationError(Exception):
    """A refused notification operation; views turn it into a 404 or a form error."""


class NotTheRecipientError(NotificationError):
    """Someone tried to act on a notification addressed to somebody else."""


# ---------------------------------------------------------------------------- outbox


def _publish(message_id: uuid.UUID | str) -> bool:
    """Hand one message to the broker. Never raises: the sweep is the safety net."""
    # Imported here: tasks imports this module.
    from crc.notifications.tasks import deliver_outbox_message

    try:
        deliver_outbox_message.apply_async(args=[str(message_id)])
    except Exception:
        # Broad on purpose: kombu, redis-py and the filesystem transport each raise
        # their own errors, and none of them may fail the user's save.
        logger.warning(
            "Could not publish outbox message %s; the sweep will deliver it later",
            message_id,
            exc_info=True,
        )
        return False
    return True


def outbox_publish_many(message_ids: list[uuid.UUID]) -> int:
    """Hand messages to the broker in order, stopping at the first failure; returns
    how many were handed over (the sweep takes the rest)."""
    published = 0
    for message_id in message_ids:
        if not _publish(message_id):
            # The broker is down: the rest would each wait out the publish retry
            # policy too. They are already touched, so the next sweep takes them.
            break
        published += 1
    return published


@transaction.atomic
def outbox_enqueue(
    *,
    kind: str,
    payload: dict[str, Any],
    dedupe_key: str | None = None,
    deliver_after: dt.datetime | None = None,
    case_crn: str = "",
) -> OutboxMessage:
    """Record work to do once the caller's transaction commits.

    With a ``dedupe_key`` already used, the existing row is returned unchanged (the
    first enqueue wins), so a job that runs twice enqueues once. ``case_crn`` names the
    case the message is about, so the admin shows it only to those who may see the case.
    """
    if not is_registered(kind):
        # A typo here would otherwise surface only in the worker, after the save.
        raise ValueError(f"No outbox handler is registered for {kind!r}")
    now = timezone.now()
    message_id = uuid.uuid4()
    message, created = OutboxMessage.objects.get_or_create(
        dedupe_key=dedupe_key or f"{kind}:{message_id}",
        defaults={
            "id": message_id,
            "kind": kind,
            "payload": payload,
            "deliver_after": deliver_after or now,
            "touched_at": now,
            "case_crn": case_crn,
        },
    )
    if not created:
        if message.kind != kind:
            logger.warning(
                "Outbox dedupe key %r reused for kind %r (first enqueued as %r)",
                message.dedupe_key,
                kind,
                message.kind,
            )
        return message
    if message.deliver_after <= now:
        # Deferred messages are not published now: a long ETA message would be lost
        # on a broker restart; the sweep publishes them when they fall due.
        transaction.on_commit(lambda: _publish(message.pk), robust=True)
    return message


@dataclass(frozen=True)
class OutboxItem:
    """One message for outbox_enqueue_many: the arguments of outbox_enqueue."""

    kind: str
    payload: dict[str, Any]
    dedupe_key: str | None = None
    deliver_after: dt.datetime | None = None
    case_crn: str = ""


def _chunks(items: list, size: int = ENQUEUE_BATCH_SIZE) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _insert_unless_key_used(rows: list[OutboxMessage]) -> set[uuid.UUID]:
    """One INSERT ... ON CONFLICT (dedupe_key) DO NOTHING RETURNING id (PostgreSQL, and
    SQLite 3.35+): the ids of the rows really inserted. Written out rather than
    bulk_create(ignore_conflicts=True), which returns nothing and builds the statement
    field by field through the compiler: a national job enqueues 100,000+ rows."""
    fields = OutboxMessage._meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    table = connection.ops.quote_name(OutboxMessage._meta.db_table)
    values = ", ".join([row_sql] * len(rows))
    key = connection.ops.quote_name("dedupe_key")
    pk_column = connection.ops.quote_name(OutboxMessage._meta.pk.column)
    # Identifiers from the model's own metadata, every value a parameter.
    sql = f"INSERT INTO {table} ({columns}) VALUES {values} ON CONFLICT ({key}) DO NOTHING RETURNING {pk_column}"  # noqa: S608, E501
    params = [
        f.get_db_prep_save(getattr(row, f.attname), connection) for row in rows for f in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {OutboxMessage._meta.pk.to_python(pk) for (pk,) in cursor.fetchall()}


@transaction.atomic
def outbox_enqueue_many(*, items: Iterable[OutboxItem]) -> list[OutboxMessage]:
    """outbox_enqueue for many messages at once; returns the rows it created.

    One INSERT per ENQUEUE_BATCH_SIZE rows, whatever the number of messages, and one
    publish callback on commit for all of them. Exactly-once is kept by the same unique
    dedupe key: the INSERT skips keys already used (by an earlier run, or a concurrent
    one: ON CONFLICT DO NOTHING) and returns the ids it really inserted, so only those
    are published and counted. Within one call the first item with a key wins, as
    across calls.
    """
    now = timezone.now()
    rows: dict[str, OutboxMessage] = {}
    for item in items:
        if not is_registered(item.kind):
            raise ValueError(f"No outbox handler is registered for {item.kind!r}")
        message_id = uuid.uuid4()
        key = item.dedupe_key or f"{item.kind}:{message_id}"
        rows.setdefault(
            key,
            OutboxMessage(
                id=message_id,
                kind=item.kind,
                payload=item.payload,
                dedupe_key=key,
                created_at=now,
                deliver_after=item.deliver_after or now,
                touched_at=now,
                case_crn=item.case_crn,
            ),
        )
    if not rows:
        return []
    created_ids: set[uuid.UUID] = set()
    for chunk in _chunks(list(rows.values())):
        created_ids.update(_insert_unless_key_used(chunk))
    created = [row for row in rows.values() if row.pk in created_ids]
    # Deferred messages wait for the sweep, as in outbox_enqueue.
    due = [row.pk for row in created if row.deliver_after <= now]
    if due:
        transaction.on_commit(lambda: outbox_publish_many(due), robust=True)
    return created


def _record_failure(message_id: uuid.UUID | str, exc: BaseException) -> None:
    try:
        OutboxMessage.objects.filter(pk=message_id, delivered_at__isnull=True).update(
            attempts=F("attempts") + 1,
            last_error=f"{type(exc).__name__}: {exc}"[:_ERROR_LIMIT],
            touched_at=timezone.now(),
        )
    except Exception:
        # The failure may be the database itself; the original error matters more.
        logger.exception("Could not record the failure of outbox message %s", message_id)


class _DeliveredMeanwhile(Exception):
    pass


def outbox_deliver(*, message_id: uuid.UUID | str) -> bool:
    """Run a message's handler and mark it delivered; True if this call delivered it.

    Safe to call any number of times, concurrently too. The row is locked (PostgreSQL)
    and the final state change is conditional on the row still being undelivered
    (SQLite has no SELECT ... FOR UPDATE), so only one call ever commits a delivery.

    Not wrapped in @transaction.atomic like other services: a failed attempt must
    roll back the handler's writes yet still commit the error it recorded.
    """
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
            if message is None:
                # Pruned, or a stale broker message from another database.
                logger.warning("Outbox message %s does not exist; nothing to deliver", message_id)
                return False
            if message.delivered_at is not None:
                return False
            handler_for(message.kind)(message=message)
            now = timezone.now()
            marked = OutboxMessage.objects.filter(pk=message.pk, delivered_at__isnull=True).update(
                delivered_at=now,
                touched_at=now,
                attempts=F("attempts") + 1,
                last_error="",
            )
            if not marked:
                # Another worker won the race; undo this handler's writes.
                raise _DeliveredMeanwhile
    except _DeliveredMeanwhile:
        return False
    except Exception as exc:
        _record_failure(message_id, exc)
        raise
    return True


@transaction.atomic
def outbox_sweep(
    *,
    now: dt.datetime | None = None,
    batch_size: int = SWEEP_BATCH_SIZE,
    stale_after: dt.timedelta = SWEEP_STALE_AFTER,
) -> int:
    """Re-publish one batch of due, undelivered, untouched messages; returns how many.

    Picked rows are touched first, so a concurrent sweep skips them and, if the broker
    is down, the next sweep picks them again a minute later.
    """
    now = now or timezone.now()
    ids = list(
        selectors.outbox_due_for_sweep(
            now=now, touched_before=now - stale_after, max_attempts=SWEEP_MAX_ATTEMPTS
        )
        # SKIP LOCKED on PostgreSQL: rows a worker is delivering right now are left
        # out. A no-op on SQLite, whose IMMEDIATE transactions serialise writers.
        .select_for_update(skip_locked=True)
        .values_list("pk", flat=True)[:batch_size]
    )
    if ids:
        OutboxMessage.objects.filter(pk__in=ids).update(touched_at=now)
        transaction.on_commit(lambda: outbox_publish_many(ids), robust=True)
    return len(ids)


@transaction.atomic
def outbox_redeliver(*, messages: Iterable[OutboxMessage]) -> int:
    """Publish chosen undelivered messages now (the admin's "Deliver now")."""
    ids = [m.pk for m in messages if m.delivered_at is None]
    OutboxMessage.objects.filter(pk__in=ids).update(touched_at=timezone.now())
    transaction.on_commit(lambda: outbox_publish_many(ids), robust=True)
    return len(ids)


# ---------------------------------------------------------------------- notifications


@transaction.atomic
def notification_send(
    *,
    recipients: Iterable[Any],
    subject: str,
    body: str,
    url: str = "",
    category: str,
    dedupe_key: str | None = None,
    deliver_after: dt.datetime | None = None,
    case_crn: str | None = None,
) -> OutboxMessage | None:
    """Queue an inbox notification (and an e-mail) for each recipient.

    ``recipients`` are users or user ids. Whoever calls this has already decided the
    recipients may see what the notification is about (crc.access); the policy is asked
    again at delivery and whenever the inbox is shown, because access lists change.
    ``case_crn`` defaults to the case a /cases/<CRN>/ link points at.
    """
    outbox = _notification_outbox_item(
        NotificationItem(
            recipients=recipients,
            subject=subject,
            body=body,
            url=url,
            category=category,
            dedupe_key=dedupe_key,
            deliver_after=deliver_after,
            case_crn=case_crn,
        )
    )
    if outbox is None:
        return None
    return outbox_enqueue(
        kind=outbox.kind,
        payload=outbox.payload,
        dedupe_key=outbox.dedupe_key,
        deliver_after=outbox.deliver_after,
        case_crn=outbox.case_crn,
    )


@dataclass(frozen=True)
class NotificationItem:
    """One notification for notification_send_many: the arguments of notification_send."""

    recipients: Iterable[Any]
    subject: str
    body: str
    category: str
    url: str = ""
    dedupe_key: str | None = None
    deliver_after: dt.datetime | None = None
    case_crn: str | None = None


def _notification_outbox_item(item: NotificationItem) -> OutboxItem | None:
    """The outbox message that queues one notification, or None with nobody to tell:
    the one place notification_send and notification_send_many build it."""
    try:
        validate_relative_path(item.url)
    except ValidationError as exc:
        raise NotificationError(exc.messages[0]) from exc
    recipient_ids = sorted({getattr(r, "pk", r) for r in item.recipients})
    if not recipient_ids:
        return None
    case_crn = case_crn_from_path(item.url) if item.case_crn is None else item.case_crn
    return OutboxItem(
        kind=NOTIFICATION_KIND,
        payload={
            "recipient_ids": recipient_ids,
            "subject": item.subject,
            "body": item.body,
            "url": item.url,
            "category": item.category,
            "case_crn": case_crn,
        },
        dedupe_key=item.dedupe_key,
        deliver_after=item.deliver_after,
        case_crn=case_crn,
    )


@transaction.atomic
def notification_send_many(*, items: Iterable[NotificationItem]) -> list[OutboxMessage]:
    """notification_send for many notifications at once (a nightly job's reminders):
    one outbox_enqueue_many, so a few queries however many there are. Returns the
    outbox rows created (a dedupe key used before creates none). Items with no
    recipients are skipped, as notification_send skips them."""
    outbox = (_notification_outbox_item(item) for item in items)
    return outbox_enqueue_many(items=[o for o in outbox if o is not None])


@transaction.atomic
def notification_mark_read(*, notification: Notification, user: Any) -> Notification:
    if notification.recipient_id != user.pk:
        raise NotTheRecipientError("Only the recipient can mark a notification as read.")
    if notification.read_at is None:
        now = timezone.now()
        # Conditional: two tabs marking at once keep the first reading time.
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


@transaction.atomic
def notification_mark_all_read(*, user: Any) -> int:
    return (
        selectors.notifications_for_user(user=user)
        .filter(read_at__isnull=True)
        .update(read_at=timezone.now())
    )
