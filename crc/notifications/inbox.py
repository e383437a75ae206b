"""Delivering a notification message into people's inboxes (the "notification" outbox
handler), and the e-mail that tells them one is waiting.

Split from services.py, which re-exports these names: callers and the handler registry
keep using ``services.notification_deliver``.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse

from crc.access.lookup import can_see_case
from crc.notifications.models import Notification, OutboxMessage


def absolute_link(path: str) -> str:
    site_url = getattr(settings, "SITE_URL", "") or ""
    return f"{site_url.rstrip('/')}{path}"


def notification_email_text(*, notification: Notification) -> tuple[str, str]:
    """Subject and body of a notification's e-mail: a link to the notification, nothing else.

    E-mail leaves our systems (forwarding, shared mailboxes, phones), so it never carries
    a CRN, a name or any free text; the reader signs in and the policy is asked again.
    """
    service = getattr(settings, "SERVICE_NAME", "") or "Case supervision"
    link = absolute_link(reverse("notifications:detail", args=[notification.pk]))
    body = f"You have a new notification in {service}.\n\nSign in to read it:\n{link}\n"
    return f"New notification: {service}", body


def _recipients(message: OutboxMessage, case_crn: str) -> list[Any]:
    recipients = get_user_model().objects.filter(pk__in=message.payload["recipient_ids"])
    return [r for r in recipients if not case_crn or can_see_case(r, case_crn)]


def notification_deliver(*, message: OutboxMessage) -> None:
    """The "notification" outbox handler: inbox rows, then one e-mail per new row.

    One notification per (message, recipient) (a unique key): recipients who already
    have theirs from an earlier attempt are left out, the rest are inserted together
    (one INSERT however many recipients), so a redelivery adds nothing. outbox_deliver
    holds the message row locked (PostgreSQL), so two deliveries never interleave here;
    were they to, the unique key refuses the second and its attempt is retried.
    E-mails go last, after every database write has succeeded, and only for rows this
    delivery created; an e-mail server failing part-way rolls the whole attempt back
    and the retry may repeat an e-mail (at least once, never lost).

    Recipients who can no longer see the case (excluded or restricted since the
    notification was queued) get neither the inbox row nor the e-mail.
    """
    payload = message.payload
    case_crn = message.case_crn or payload.get("case_crn", "")
    # Stamped with when it was due, not when a recovering worker got to it.
    created_at = max(message.created_at, message.deliver_after)
    have = set(
        Notification.objects.filter(source_message=message).values_list("recipient_id", flat=True)
    )
    new = Notification.objects.bulk_create(
        [
            Notification(
                source_message=message,
                recipient=recipient,
                subject=payload["subject"],
                body=payload.get("body", ""),
                url=payload.get("url", ""),
                category=payload.get("category", ""),
                case_crn=case_crn,
                created_at=created_at,
            )
            for recipient in _recipients(message, case_crn)
            if recipient.pk not in have
        ]
    )
    for notification in new:
        if notification.recipient.email and notification.recipient.is_active:
            subject, text = notification_email_text(notification=notification)
            send_mail(
                subject=subject,
                message=text,
                from_email=None,
                recipient_list=[notification.recipient.email],
            )
