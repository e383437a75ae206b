"""Reads with a shape: the inbox, the unread count and the outbox sweep's work list."""

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from crc.access.lookup import about_visible_case_q
from crc.notifications.models import Notification, OutboxMessage
from crc.notifications.redaction import redact, visible_mentions


def notifications_for_user(*, user: Any) -> QuerySet[Notification]:
    """A person's inbox, newest first. Rows carry no relations the page needs.

    Re-checked against the access policy on every read: a notification about a case
    the person has since been excluded or restricted from drops out of the list, the
    count and the single page.
    """
    return (
        Notification.objects.filter(recipient=user)
        .filter(about_visible_case_q(user))
        .order_by("-created_at", "-id")
    )


def notification_get_for_user(*, user: Any, notification_id: int) -> Notification:
    """Raises Notification.DoesNotExist for someone else's (views answer 404)."""
    return notifications_for_user(user=user).get(pk=notification_id)


def notifications_for_display(*, user: Any, notifications: list[Notification]) -> list:
    """Set `shown_subject` and `shown_body` on rows already scoped to the user: lines
    naming a case the user may not open are hidden. At most one query for the lot."""
    visible = visible_mentions(
        user=user,
        texts=[text for n in notifications for text in (n.subject, n.body)],
        known_visible={n.case_crn for n in notifications if n.case_crn},
    )
    for notification in notifications:
        notification.shown_subject = redact(notification.subject, visible=visible)
        notification.shown_body = redact(notification.body, visible=visible)
    return notifications


def notification_unread_count(*, user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    # Every page's header asks. With nothing unread (most people, most of the time)
    # there is nothing to check against the access policy, whose subquery costs more to
    # build than the page's own work: one plain indexed EXISTS answers. The scoped
    # count below can only be smaller, so this changes no answer.
    if not Notification.objects.filter(recipient=user, read_at__isnull=True).exists():
        return 0
    return notifications_for_user(user=user).filter(read_at__isnull=True).count()


def notifications_for_admin(*, user: Any, queryset: QuerySet[Notification]) -> QuerySet:
    """Other people's notifications in the admin: only those about cases the viewer may
    see (limited access binds administrators too)."""
    return queryset.filter(about_visible_case_q(user))


def outbox_for_admin(*, user: Any, queryset: QuerySet[OutboxMessage]) -> QuerySet:
    return queryset.filter(about_visible_case_q(user))


def outbox_due_for_sweep(
    *, now: dt.datetime, touched_before: dt.datetime, max_attempts: int
) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(
        delivered_at__isnull=True,
        deliver_after__lte=now,
        touched_at__lte=touched_before,
        attempts__lt=max_attempts,
    ).order_by("deliver_after")
