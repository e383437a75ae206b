"""Project sessions and who attends them, with the outcome of each attendance
(DOMAIN.md §5)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from unpaidwork import rules


class ProjectSession(models.Model):
    project = models.ForeignKey(
        "unpaidwork.Project", on_delete=models.PROTECT, related_name="sessions"
    )
    date = models.DateField()
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    capacity = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="unpaid_work_sessions",
    )
    # Stood down by the provider (no supervisor, weather, host closed): never the person's fault.
    stood_down = models.BooleanField(default=False)
    stood_down_reason = models.TextField(blank=True)
    stood_down_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    stood_down_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "starts_at"]
        indexes = [models.Index(fields=["supervisor", "date"]), models.Index(fields=["date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "date", "starts_at"], name="uw_session_once_per_slot"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="uw_session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.name} {self.date:%d/%m/%Y} {self.starts_at:%H:%M}"


class Outcome(models.TextChoices):
    EXPECTED = rules.EXPECTED, "Expected"
    COMPLIED = rules.COMPLIED, "Attended and complied"
    FAILED_TO_COMPLY = rules.FAILED_TO_COMPLY, "Attended, failed to comply"
    SENT_HOME = rules.SENT_HOME, "Sent home"
    ACCEPTABLE_ABSENCE = rules.ACCEPTABLE_ABSENCE, "Acceptable absence"
    UNACCEPTABLE_ABSENCE = rules.UNACCEPTABLE_ABSENCE, "Unacceptable absence"
    STOOD_DOWN = rules.STOOD_DOWN, "Stood down by the provider"


# An outcome is recorded once; a stand-down may overtake anything not yet recorded.
OUTCOME_TRANSITIONS = {
    Outcome.EXPECTED: set(Outcome) - {Outcome.EXPECTED},
    **{outcome: set() for outcome in Outcome if outcome != Outcome.EXPECTED},
}

RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Attendance(models.Model):
    """One person on one session: expected until the outcome is recorded."""

    session = models.ForeignKey(
        ProjectSession, on_delete=models.PROTECT, related_name="attendances"
    )
    order = models.ForeignKey(
        "unpaidwork.UnpaidWorkOrder", on_delete=models.PROTECT, related_name="attendances"
    )
    outcome = models.CharField(max_length=25, choices=Outcome.choices, default=Outcome.EXPECTED)
    started_at = models.TimeField(null=True, blank=True)
    ended_at = models.TimeField(null=True, blank=True)
    penalty_minutes = models.PositiveSmallIntegerField(default=0)
    # rules.worked_minutes of this row, kept so measures can sum hours in the database.
    worked_minutes = models.PositiveSmallIntegerField(default=0, editable=False)
    ete_minutes = models.PositiveSmallIntegerField("ETE minutes credited", default=0)
    travel_minutes = models.PositiveSmallIntegerField(
        "Travel time credited (minutes)",
        default=0,
        validators=[MaxValueValidator(rules.TRAVEL_CAP_MINUTES)],
    )
    work_quality = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=RATING_VALIDATORS
    )
    behaviour = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=RATING_VALIDATORS
    )
    notes = models.TextField(blank=True)
    # The contact that carries a failure into the enforcement flow (cases.contacts).
    contact = models.OneToOneField(
        "cases.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["session__date", "session__starts_at"]
        indexes = [models.Index(fields=["order", "outcome"])]
        constraints = [
            models.UniqueConstraint(fields=["session", "order"], name="uw_attendance_once"),
            models.CheckConstraint(
                condition=Q(travel_minutes__lte=rules.TRAVEL_CAP_MINUTES),
                name="uw_travel_credit_cap",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order.case.crn} at {self.session}: {self.get_outcome_display()}"
