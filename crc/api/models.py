"""Partner applications (one OAuth client per partner organisation) and idempotency keys.

The link lives here rather than on PartnerOrganisation so crc.organisation stays free
of OAuth, and so a compromised client can be replaced without touching the partner.
"""

from django.conf import settings
from django.db import models
from oauth2_provider.settings import APPLICATION_MODEL


class PartnerApplication(models.Model):
    partner_organisation = models.OneToOneField(
        "organisation.PartnerOrganisation",
        on_delete=models.PROTECT,
        related_name="api_application",
    )
    application = models.OneToOneField(
        APPLICATION_MODEL,
        on_delete=models.CASCADE,
        related_name="partner_application",
        # Not swappable: the project does not swap django-oauth-toolkit's model, and a
        # swappable reference needs OAUTH2_PROVIDER_APPLICATION_MODEL in settings.
        swappable=False,
    )
    # Revoking keeps the row (and the access log's client id meaningful) but refuses
    # new tokens and every request with an old one.
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    secret_rotated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["partner_organisation__name"]

    def __str__(self) -> str:
        return f"{self.partner_organisation} ({self.application.client_id})"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.partner_organisation.active


class IdempotencyStatus(models.TextChoices):
    IN_FLIGHT = "in_flight", "In flight"
    COMPLETE = "complete", "Complete"


class IdempotencyRecord(models.Model):
    """One POST per (application, key): its body fingerprint and the response sent.

    Keys are scoped to the client, so two partners choosing the same key never meet.
    """

    application = models.ForeignKey(
        APPLICATION_MODEL, on_delete=models.CASCADE, related_name="+", swappable=False
    )
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(
        max_length=10, choices=IdempotencyStatus.choices, default=IdempotencyStatus.IN_FLIGHT
    )
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.JSONField(null=True, blank=True)
    # Cases the stored response discloses: a replay discloses them again and is logged.
    case_ids = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "key"], name="one_record_per_key")
        ]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"{self.application_id}:{self.key} ({self.status})"
