"""Admin for the outbox (support staff see what is stuck and why) and the inbox.

Both carry case details (CRNs, escalation reasons, enforcement justifications), so both
are scoped through the access policy like the case record's admin: a row about a case
shows only to someone who may open that case, and anything else is a 404, never the
admin's "does not exist" redirect (which would tell the ids apart). We keep the service
centre's view permission: it is who chases stuck deliveries, and scoping removes exactly
what it must not read.
"""

import json
from collections.abc import Callable

from django.contrib import admin, messages
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.template.defaultfilters import truncatechars

from crc.notifications import selectors, services
from crc.notifications.models import Notification, OutboxMessage
from crc.notifications.redaction import redact, visible_mentions


class ScopedByCaseAdmin(admin.ModelAdmin):
    """Rows about cases, written only by the services: listed through `scope` (a selector
    that keeps the rows the viewer may see), shown read-only, never added here."""

    scope: Callable[..., QuerySet]  # (user=, queryset=) -> the rows the user may see

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return type(self).scope(user=request.user, queryset=super().get_queryset(request))

    def get_fields(self, request: HttpRequest, obj=None):
        return self.readonly_fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        self.prepare_texts(request, obj)
        return obj

    def prepare_texts(self, request: HttpRequest, obj) -> None:
        """Set the redacted texts the change page shows (a digest naming many cases
        hides the lines about cases the viewer may not open)."""


def _shown_payload(payload: dict, visible: set[str]) -> str:
    shown = dict(payload)
    for key in ("subject", "body"):
        if isinstance(shown.get(key), str):
            shown[key] = redact(shown[key], visible=visible)
    return json.dumps(shown, indent=2, sort_keys=True, cls=DjangoJSONEncoder)


class OutboxStateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("pending", "Waiting to be delivered"),
            ("failing", "Failing (has errors)"),
            ("stuck", "Stuck (the sweep has given up)"),
            ("delivered", "Delivered"),
        ]

    def queryset(self, request, queryset):
        undelivered = queryset.filter(delivered_at__isnull=True)
        match self.value():
            case "pending":
                return undelivered
            case "failing":
                return undelivered.filter(attempts__gt=0)
            case "stuck":
                return undelivered.filter(attempts__gte=services.SWEEP_MAX_ATTEMPTS)
            case "delivered":
                return queryset.filter(delivered_at__isnull=False)
        return queryset


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ScopedByCaseAdmin):
    scope = selectors.outbox_for_admin
    list_display = ["kind", "created_at", "deliver_after", "attempts", "delivered", "error"]
    list_filter = [OutboxStateFilter, "kind", "created_at"]
    search_fields = ["=id", "dedupe_key"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    actions = ["deliver_now"]
    readonly_fields = [
        "id",
        "kind",
        "case_crn",
        "dedupe_key",
        "shown_payload",
        "created_at",
        "deliver_after",
        "touched_at",
        "attempts",
        "delivered_at",
        "last_error",
    ]

    def prepare_texts(self, request: HttpRequest, obj: OutboxMessage) -> None:
        payload = obj.payload if isinstance(obj.payload, dict) else {}
        visible = visible_mentions(
            user=request.user,
            texts=[str(payload.get("subject", "")), str(payload.get("body", ""))],
            known_visible={obj.case_crn} if obj.case_crn else (),
        )
        obj.shown_payload_text = _shown_payload(payload, visible)

    @admin.display(description="Payload")
    def shown_payload(self, obj: OutboxMessage) -> str:
        return getattr(obj, "shown_payload_text", "")

    @admin.display(description="Delivered", boolean=True, ordering="delivered_at")
    def delivered(self, obj: OutboxMessage) -> bool:
        return obj.delivered_at is not None

    @admin.display(description="Last error")
    def error(self, obj: OutboxMessage) -> str:
        return truncatechars(obj.last_error, 80)

    @admin.action(description="Deliver now", permissions=["change"])
    def deliver_now(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        count = services.outbox_redeliver(messages=queryset.filter(delivered_at__isnull=True))
        self.message_user(
            request,
            f"{count} message(s) sent for delivery. Already delivered ones were skipped.",
            messages.SUCCESS,
        )

    # The admin looks and re-sends; the rows stay.
    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(ScopedByCaseAdmin):
    scope = selectors.notifications_for_admin
    list_display = ["subject", "recipient", "category", "created_at", "is_read"]
    list_filter = ["category", ("read_at", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["recipient__username", "subject"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    readonly_fields = [
        "recipient",
        "shown_subject",
        "shown_body",
        "url",
        "category",
        "case_crn",
        "created_at",
        "read_at",
        "source_message",
    ]

    def prepare_texts(self, request: HttpRequest, obj: Notification) -> None:
        selectors.notifications_for_display(user=request.user, notifications=[obj])

    @admin.display(description="Subject")
    def shown_subject(self, obj: Notification) -> str:
        return getattr(obj, "shown_subject", "")

    @admin.display(description="Body")
    def shown_body(self, obj: Notification) -> str:
        return getattr(obj, "shown_body", "")

    @admin.display(description="Read", boolean=True, ordering="read_at")
    def is_read(self, obj: Notification) -> bool:
        return obj.read_at is not None

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # Reading someone's inbox is fine for support; marking it read for them is not.
        return False
