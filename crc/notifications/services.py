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
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from crc.access.lookup import can_see_case
from crc.notifications import selectors
from crc.notifications.delivery import handler_for, is_registered
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
    try:
        validate_relative_path(url)
    except ValidationError as exc:
        raise NotificationError(exc.messages[0]) from exc
    recipient_ids = sorted({getattr(r, "pk", r) for r in recipients})
    if not recipient_ids:
        return None
    if case_crn is None:
        case_crn = case_crn_from_path(url)
    return outbox_enqueue(
        kind=NOTIFICATION_KIND,
        payload={
            "recipient_ids": recipient_ids,
            "subject": subject,
            "body": body,
            "url": url,
            "category": category,
            "case_crn": case_crn,
        },
        dedupe_key=dedupe_key,
        deliver_after=deliver_after,
        case_crn=case_crn,
    )


def _absolute_link(path: str) -> str:
    site_url = getattr(settings, "SITE_URL", "") or ""
    return f"{site_url.rstrip('/')}{path}"


def notification_email_text(*, notification: Notification) -> tuple[str, str]:
    """Subject and body of a notification's e-mail: a link to the notification, nothing else.

    E-mail leaves our systems (forwarding, shared mailboxes, phones), so it never carries
    a CRN, a name or any free text; the reader signs in and the policy is asked again.
    """
    service = getattr(settings, "SERVICE_NAME", "") or "Case supervision"
    link = _absolute_link(reverse("notifications:detail", args=[notification.pk]))
    body = f"You have a new notification in {service}.\n\nSign in to read it:\n{link}\n"
    return f"New notification: {service}", body


def notification_deliver(*, message: OutboxMessage) -> None:
    """The "notification" outbox handler: inbox rows, then one e-mail per new row.

    Notifications are get_or_create'd on (message, recipient), so a redelivery adds
    nothing. E-mails go last, after every database write has succeeded, and only for
    rows this delivery created; an e-mail server failing part-way rolls the whole
    attempt back and the retry may repeat an e-mail (at least once, never lost).

    Recipients who can no longer see the case (excluded or restricted since the
    notification was queued) get neither the inbox row nor the e-mail.
    """
    payload = message.payload
    case_crn = message.case_crn or payload.get("case_crn", "")
    recipients = get_user_model().objects.filter(pk__in=payload["recipient_ids"])
    # Stamped with when it was due, not when a recovering worker got to it.
    created_at = max(message.created_at, message.deliver_after)
    new: list[Notification] = []
    for recipient in recipients:
        if case_crn and not can_see_case(recipient, case_crn):
            continue
        notification, created = Notification.objects.get_or_create(
            source_message=message,
            recipient=recipient,
            defaults={
                "subject": payload["subject"],
                "body": payload.get("body", ""),
                "url": payload.get("url", ""),
                "category": payload.get("category", ""),
                "case_crn": case_crn,
                "created_at": created_at,
            },
        )
        if created:
            new.append(notification)
    for notification in new:
        if notification.recipient.email and notification.recipient.is_active:
            subject, text = notification_email_text(notification=notification)
            send_mail(
                subject=subject,
                message=text,
                from_email=None,
                recipient_list=[notification.recipient.email],
            )


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
