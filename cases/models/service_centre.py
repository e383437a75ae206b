"""Work for the service centre and the deadlines it works to."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from cases.models.record import Case

# --- Work for the service centre ------------------------------------------------


class TaskKind(models.TextChoices):
    NPS_REFERRAL = "nps_referral", "Prepare the NPS escalation referral"
    WARNING_LETTER = "warning_letter", "Send a warning letter"
    BREACH_PACK = "breach_pack", "Prepare a breach pack"
    OTHER = "other", "Other"


class TaskStatus(models.TextChoices):
    OPEN = "open", "To do"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class ServiceCentreTask(models.Model):
    """Administrative work the service centre does for a case (letters, referrals, packs)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="service_centre_tasks")
    kind = models.CharField(max_length=20, choices=TaskKind.choices)
    description = models.TextField()
    due_date = models.DateField()
    status = models.CharField(max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    # What caused the task, so a retried cause creates it once ("escalation:12").
    source_key = models.CharField(max_length=80, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "id"]
        # Open tasks by due date: the service centre's list and the nightly alerts.
        indexes = [models.Index(fields=["status", "due_date"], name="task_status_due_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.case.crn})"


class DeadlinePolicy(models.Model):
    """Policy as data: how many working days each deadline allows (DOMAIN.md defaults,
    seeded by migration, editable by administrators with history)."""

    key = models.SlugField(max_length=50, unique=True)
    description = models.CharField(max_length=200)
    working_days = models.PositiveSmallIntegerField()
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "deadline policies"
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.description}: {self.working_days} working days"
