"""Workload policy and quality audits (DOMAIN.md §8–9).

The case is referred to by settings.CRC_CASE_MODEL, never imported: crc apps reach the
case record only through registries (crc/dashboards/registry.py).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from crc.dashboards.rules import BAND_LABELS, Answer, Band
from crc.organisation.models import Role

# --- Workload policy (data, with history) -------------------------------------------------


class WorkloadPoints(models.Model):
    """Points a case of each tier weighs in an officer's workload. Seeded from the
    public workload model's anchors (A3 206 … D0 29); administrators keep it current."""

    tier = models.CharField(max_length=2, unique=True)
    points = models.PositiveIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["tier"]
        verbose_name_plural = "workload points"

    def __str__(self) -> str:
        return f"{self.tier}: {self.points} points"


class WorkloadCapacity(models.Model):
    """The weighted points a full-time officer of a grade can hold (100% capacity)."""

    role = models.CharField(max_length=30, choices=Role.choices, unique=True)
    points = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    history = HistoricalRecords()

    class Meta:
        ordering = ["role"]
        verbose_name_plural = "workload capacities"

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.points} points"


# --- The Inspectorate's key questions (reference data) -------------------------------------


class KeyQuestion(models.Model):
    """A key question of the inspection framework (report Annex 2), seeded by migration."""

    code = models.CharField(max_length=8, unique=True)  # "2.1.3"
    standard = models.CharField(max_length=4)  # "2.1"
    standard_title = models.CharField(max_length=60)
    standard_text = models.CharField(max_length=200)
    text = models.CharField(max_length=200)
    # Risk-of-harm questions and the unpaid work / Through the Gate ones do not apply to
    # every case: "not applicable" takes the case out of the question's denominator.
    allows_not_applicable = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


# --- Audits -------------------------------------------------------------------------------


class AuditStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"


class QualityAudit(models.Model):
    """One audit: who ran it, over which cases (their scope, optionally narrowed to an
    area or a team), and the sample's arithmetic."""

    title = models.CharField(max_length=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    area = models.ForeignKey(
        "organisation.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey(
        "organisation.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Supervision began between these dates (6–7 months before the draw).
    supervision_from = models.DateField()
    supervision_to = models.DateField()
    population = models.PositiveIntegerField()
    sample_size = models.PositiveIntegerField()
    confidence = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("0.80"))
    margin = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("0.05"))
    seed = models.PositiveBigIntegerField(help_text="Draws the same sample again")
    status = models.CharField(
        max_length=12, choices=AuditStatus.choices, default=AuditStatus.IN_PROGRESS
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class AuditSample(models.Model):
    """A case drawn into an audit, with the stratum it was drawn from."""

    audit = models.ForeignKey(QualityAudit, on_delete=models.CASCADE, related_name="samples")
    case = models.ForeignKey(
        settings.CRC_CASE_MODEL, on_delete=models.PROTECT, related_name="audit_samples"
    )
    sex = models.CharField(max_length=10)
    disposal_type = models.CharField(max_length=10)
    rosh_level = models.CharField(max_length=10, blank=True)
    supervision_start = models.DateField()
    # Who held the case when it was drawn: the findings go to them.
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    findings_sent_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["audit", "id"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "case"], name="one_sample_row_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.audit}: case {self.case_id}"


class AuditAnswer(models.Model):
    """An auditor's answer to one key question for one sampled case."""

    sample = models.ForeignKey(AuditSample, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(KeyQuestion, on_delete=models.PROTECT, related_name="answers")
    answer = models.CharField(
        max_length=3,
        choices=[(Answer.YES, "Yes"), (Answer.NO, "No"), (Answer.NOT_APPLICABLE, "Not applicable")],
    )
    notes = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sample", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.question.code}: {self.get_answer_display()}"


class StandardOverride(models.Model):
    """A manager's professional-discretion rating for a standard, shown beside the
    computed one with its reason (as the report's footnotes 19, 21 and 22 do)."""

    audit = models.ForeignKey(QualityAudit, on_delete=models.CASCADE, related_name="overrides")
    standard = models.CharField(max_length=4)
    rating = models.CharField(max_length=25, choices=[(b.value, BAND_LABELS[b]) for b in Band])
    reason = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["audit", "standard"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "standard"], name="one_override_per_standard"),
            models.CheckConstraint(condition=~Q(reason=""), name="override_has_a_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.standard}: {self.get_rating_display()}"
