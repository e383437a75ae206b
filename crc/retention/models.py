"""Retention periods per record type, and the flags that keep a record past its period.

Both are data: administrators change them in the admin, through crc.retention.services,
and django-simple-history keeps every change.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords


class RetentionPeriod(models.Model):
    """How long one type of record is kept. The nightly job erases nothing of a type
    without a row here: a missing period fails closed."""

    record_type = models.CharField(max_length=40, unique=True)
    years = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Whole years, counted from the date below",
    )
    counted_from = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["record_type"]

    def __str__(self) -> str:
        return f"{self.record_type}: {self.years} years"


class RetentionHold(models.Model):
    """Keep one record past its period (a complaint, litigation, a serious further
    offence review). `key` is how the record type names its records: a case's CRN."""

    record_type = models.CharField(max_length=40)
    key = models.CharField(max_length=40)
    reason = models.CharField(max_length=500)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    placed_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["record_type", "key"]
        constraints = [
            models.UniqueConstraint(fields=["record_type", "key"], name="one_hold_per_record")
        ]

    def __str__(self) -> str:
        return f"Keep {self.record_type} {self.key}"
