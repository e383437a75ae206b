"""Who holds a case and who may see it: allocations and the exclusion and
restriction lists."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from cases.models.record import Case


class Allocation(models.Model):
    """One period of a case with a responsible officer; the newest open row is current."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="allocations")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey("organisation.Team", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(ended_at__isnull=True), name="one_current_allocation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.crn} to {self.officer} from {self.started_at:%d/%m/%Y}"


class AccessListKind(models.TextChoices):
    EXCLUSION = "exclusion", "Excluded (may not see the case)"
    RESTRICTION = "restriction", "Named on the restriction list (only they may see the case)"


class CaseAccessEntry(models.Model):
    """Limited access (DOMAIN.md §2): an exclusion denies the named person; once a case has
    any restriction entry, only the people named on it may see the case. crc.access reads
    these through the related name `access_entries`."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access_entries")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=AccessListKind.choices)
    reason = models.TextField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "case access entries"
        constraints = [
            models.UniqueConstraint(fields=["case", "staff", "kind"], name="one_access_entry_each")
        ]

    def __str__(self) -> str:
        return f"{self.case.crn}: {self.staff} ({self.get_kind_display()})"
