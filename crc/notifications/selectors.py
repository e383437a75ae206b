"""Reads with a shape: the inbox, the unread count and the outbox sweep's work list."""

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from crc.notifications.models import Notification, OutboxMessage


def notifications_for_user(*, user: Any) -> QuerySet[Notification]:
    """A person's inbox, newest first. Rows carry no relations the page needs."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def notification_get_for_user(*, user: Any, notification_id: int) -> Notification:
    """Raises Notification.DoesNotExist for someone else's (views answer 404)."""
    return notifications_for_user(user=user).get(pk=notification_id)


def notification_unread_count(*, user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def outbox_due_for_sweep(
    *, now: dt.datetime, touched_before: dt.datetime, max_attempts: int
) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(
        delivered_at__isnull=True,
        deliver_after__lte=now,
        touched_at__lte=touched_before,
        attempts__lt=max_attempts,
    ).order_by("deliver_after")
