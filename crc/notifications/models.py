"""The outbox (work that must happen after a change commits) and the in-app inbox.

ARCHITECTURE.md, "Nothing is lost": a side effect is an OutboxMessage written in the
same transaction as the change that caused it. Celery delivers it; a periodic sweep
re-publishes whatever is still undelivered, so a broker outage never loses work.
"""

import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme


def is_relative_path(value: str) -> bool:
    """True for a same-site path such as "/cases/12/"; false for anything with a host.

    "//evil.example" and "/\\evil.example" are protocol-relative URLs in browsers, so a
    leading slash alone is not enough.
    """
    return (
        value.startswith("/")
        and not value.startswith("//")
        and "\\" not in value
        and url_has_allowed_host_and_scheme(value, allowed_hosts=None)
    )


def validate_relative_path(value: str) -> None:
    if value and not is_relative_path(value):
        raise ValidationError(
            "Enter a path on this service that starts with /, not a full web address."
        )


# Case pages live at /cases/<CRN>/...; a notification linking there is about that case.
CASE_PATH = re.compile(r"^/cases/(?P<crn>[A-Z][0-9]{6})/")


def case_crn_from_path(path: str) -> str:
    match = CASE_PATH.match(path or "")
    return match["crn"] if match else ""


class OutboxMessage(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # A name registered with crc.notifications.delivery.register_handler.
    kind = models.CharField(max_length=100)
    payload = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    # Enqueueing twice with one key makes one row (reminder jobs re-run safely).
    dedupe_key = models.CharField(max_length=255, unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Deferred work is a row with a due date the sweep picks up, never a long ETA message.
    deliver_after = models.DateTimeField(default=timezone.now)
    # Last time anything happened to the row (enqueue, publish, attempt). The sweep
    # leaves recently touched rows alone so it does not race a delivery in flight.
    touched_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    # The case the message is about ("" for none): the admin shows a row only to people
    # the access policy lets see that case. A value, not a key, like the access log.
    case_crn = models.CharField(max_length=20, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "outbox message"
        indexes = [
            # The sweep only ever reads undelivered rows; a partial index stays small
            # however many delivered rows accumulate.
            models.Index(
                fields=["deliver_after", "touched_at"],
                condition=models.Q(delivered_at__isnull=True),
                name="outbox_undelivered_due",
            ),
            models.Index(fields=["kind", "created_at"], name="outbox_kind_created"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.dedupe_key}"

    @property
    def is_delivered(self) -> bool:
        return self.delivered_at is not None


class Notification(models.Model):
    """One entry in a person's inbox."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    # Where the notification leads, always a path on this service (no open redirect).
    url = models.CharField(max_length=500, blank=True, validators=[validate_relative_path])
    category = models.CharField(max_length=50, blank=True)
    # The case it is about ("" for none). Checked again whenever the inbox is shown, so
    # someone excluded from the case after delivery no longer sees it.
    case_crn = models.CharField(max_length=20, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # SET_NULL so old outbox rows can be pruned without touching anyone's inbox.
    source_message = models.ForeignKey(
        OutboxMessage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # A message delivered twice still makes one notification per person.
            models.UniqueConstraint(
                fields=["source_message", "recipient"], name="notification_once_per_message"
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
