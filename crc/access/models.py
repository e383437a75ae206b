"""The access log: one append-only row for every view of a case and every disclosure.

Data Protection Act 2018 s.62 asks for a log of consultation and disclosure with its
justification. Rows keep the case id and CRN as plain values, not foreign keys, so
the log outlives any record it mentions and never cascades away.
"""

from django.conf import settings
from django.db import models


class AccessKind(models.TextChoices):
    VIEW = "view", "Viewed"
    CHANGE = "change", "Changed"
    DENIED = "denied", "Denied"
    DISCLOSURE = "disclosure", "Disclosed to a partner"
    EXPORT = "export", "Exported"
    # A record erased at the end of its retention period (crc.retention): the row names
    # the record and the rule, never its content.
    ERASURE = "erasure", "Erased (retention)"


class AppendOnlyError(Exception):
    pass


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The access log is append-only.")

    def delete(self):
        raise AppendOnlyError("The access log is append-only.")


class AccessLog(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=12, choices=AccessKind.choices)
    # Not indexed alone: (staff, at) and (case_id, at) below lead with these columns, and
    # every index costs each of the log's many writes (ADR 0014).
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    # Kept as text too: the log must read the same if an account is later renamed.
    username = models.CharField(max_length=150, blank=True)
    partner_organisation = models.ForeignKey(
        "organisation.PartnerOrganisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    client_id = models.CharField(max_length=100, blank=True)
    acting_person = models.CharField(max_length=200, blank=True)
    case_id = models.BigIntegerField(null=True, blank=True)
    case_crn = models.CharField(max_length=20, blank=True, db_index=True)
    page = models.CharField(max_length=200, help_text="The page or endpoint")
    method = models.CharField(max_length=10, blank=True)
    relationship = models.CharField(max_length=40, blank=True)
    reason = models.TextField(blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        # Django's internal reads (refresh_from_db, related lookups) use the base
        # manager; make it the append-only one so no route offers update() or delete().
        base_manager_name = "objects"
        # By user and by case, newest first (docs/adr/0014-access-log.md).
        indexes = [
            models.Index(fields=["staff", "at"]),
            models.Index(fields=["case_id", "at"], name="accesslog_case_at_idx"),
        ]

    def __str__(self) -> str:
        who = self.username or (self.partner_organisation and str(self.partner_organisation))
        return f"{self.at:%Y-%m-%d %H:%M} {who} {self.get_kind_display()} {self.case_crn}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The access log is append-only.")
