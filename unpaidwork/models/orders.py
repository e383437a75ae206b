"""The unpaid work requirement's record on an order, and what follows from it:
extensions, induction, the ETE referral, placements and known tensions (DOMAIN.md §5).

Hours credited and remaining are never stored: unpaidwork.rules works them out from the
session attendance every time they are shown."""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from unpaidwork import rules

CHILDCARE_HELP = 'Weekly times the person cannot work: [[0, "08:30", "15:30"]]'


class UnpaidWorkStatus(models.TextChoices):
    AWAITING_INDUCTION = "awaiting_induction", "Awaiting induction"
    ACTIVE = "active", "Working"
    COMPLETED = "completed", "Completed"
    ENDED = "ended", "Ended by the court"


ORDER_TRANSITIONS = {
    UnpaidWorkStatus.AWAITING_INDUCTION: {UnpaidWorkStatus.ACTIVE, UnpaidWorkStatus.ENDED},
    UnpaidWorkStatus.ACTIVE: {UnpaidWorkStatus.COMPLETED, UnpaidWorkStatus.ENDED},
    UnpaidWorkStatus.COMPLETED: set(),
    UnpaidWorkStatus.ENDED: set(),
}
OPEN_STATUSES = (UnpaidWorkStatus.AWAITING_INDUCTION, UnpaidWorkStatus.ACTIVE)


class UnpaidWorkOrder(models.Model):
    """The unpaid work requirement of one order, as the unpaid work team runs it."""

    requirement = models.OneToOneField(
        "cases.Requirement",
        on_delete=models.PROTECT,
        related_name="unpaid_work",
        limit_choices_to={"requirement_type": "unpaid_work"},
    )
    # The requirement's case, kept here so lists and jobs need no three-table join.
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="unpaid_work")
    hours_ordered = models.PositiveSmallIntegerField(
        validators=[
            MinValueValidator(rules.MIN_HOURS),
            MaxValueValidator(rules.MAX_HOURS),
        ]
    )
    start_date = models.DateField()
    # 12 months from the start, moved only by extension_grant (each one an Extension row).
    deadline = models.DateField()
    status = models.CharField(
        max_length=20, choices=UnpaidWorkStatus.choices, default=UnpaidWorkStatus.AWAITING_INDUCTION
    )
    # When the order was completed or ended (the completion measure counts by it).
    closed_on = models.DateField(null=True, blank=True)
    # Allocation constraints (the inspectors: childcare, paid work, risk, tensions).
    no_work_near_children = models.BooleanField(default=False)
    no_work_near_vulnerable_adults = models.BooleanField(default=False)
    childcare_times = models.JSONField(
        default=list,
        blank=True,
        help_text=CHILDCARE_HELP,
    )
    employment_times = models.JSONField(
        default=list, blank=True, help_text='Weekly working hours: [[0, "09:00", "17:00"]]'
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["deadline"]
        indexes = [models.Index(fields=["status", "deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_ordered__gte=rules.MIN_HOURS, hours_ordered__lte=rules.MAX_HOURS),
                name="uw_order_hours_40_300",
            ),
            models.CheckConstraint(
                condition=Q(deadline__gt=models.F("start_date")),
                name="uw_order_deadline_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hours_ordered} hours unpaid work for {self.case.crn}"


class Extension(models.Model):
    order = models.ForeignKey(UnpaidWorkOrder, on_delete=models.CASCADE, related_name="extensions")
    months = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    reason = models.TextField()
    previous_deadline = models.DateField()
    new_deadline = models.DateField()
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["granted_at"]

    def __str__(self) -> str:
        return f"Extended to {self.new_deadline:%d/%m/%Y}"


class InductionStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    DONE = "done", "Done"
    MISSED = "missed", "Did not attend"
    CANCELLED = "cancelled", "Cancelled"


INDUCTION_TRANSITIONS = {
    InductionStatus.BOOKED: {
        InductionStatus.DONE,
        InductionStatus.MISSED,
        InductionStatus.CANCELLED,
    },
    InductionStatus.DONE: set(),
    InductionStatus.MISSED: set(),
    InductionStatus.CANCELLED: set(),
}


class Induction(models.Model):
    order = models.ForeignKey(UnpaidWorkOrder, on_delete=models.CASCADE, related_name="inductions")
    starts_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=10, choices=InductionStatus.choices, default=InductionStatus.BOOKED
    )
    # The inspectors: information was given but understanding was not routinely checked.
    understanding_checked = models.BooleanField(default=False)
    understanding_notes = models.TextField(blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"Induction {self.starts_at:%d/%m/%Y %H:%M} ({self.get_status_display()})"


class EteReferral(models.Model):
    """A referral for an education, training and employment assessment: made for everyone
    unemployed at the start of their unpaid work (one per order)."""

    order = models.OneToOneField(
        UnpaidWorkOrder, on_delete=models.CASCADE, related_name="ete_referral"
    )
    reason = models.TextField(blank=True)
    automatic = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"ETE referral for {self.order.case.crn}"


class Placement(models.Model):
    """A person allocated to a project; the current one has no end."""

    order = models.ForeignKey(UnpaidWorkOrder, on_delete=models.CASCADE, related_name="placements")
    project = models.ForeignKey(
        "unpaidwork.Project", on_delete=models.PROTECT, related_name="placements"
    )
    reason = models.TextField()
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    allocated_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-allocated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["order"],
                condition=Q(ended_at__isnull=True),
                name="uw_one_current_placement",
            )
        ]

    def __str__(self) -> str:
        return f"{self.order.case.crn} on {self.project.name}"


class KnownTension(models.Model):
    """Two people who should not work side by side (recorded once, either way round)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "other"], name="uw_tension_once"),
            models.CheckConstraint(
                condition=~Q(case=models.F("other")), name="uw_tension_two_people"
            ),
        ]

    def __str__(self) -> str:
        return f"Tension: {self.case.crn} and {self.other.crn}"


class UnpaidWorkPolicy(models.Model):
    """The numbers administrators may change (one row; defaults from DOMAIN.md §5 when
    there is none). Read through unpaidwork.policy.current()."""

    s37_enabled = models.BooleanField("Sentencing Act 2026 s.37 credit", default=True)
    s37_commencement = models.DateField(default=dt.date(2026, 4, 1))
    session_minutes = models.PositiveSmallIntegerField(default=rules.SESSION_MINUTES)
    sessions_per_week = models.PositiveSmallIntegerField(default=rules.SESSIONS_PER_WEEK)
    no_session_alert_days = models.PositiveSmallIntegerField(default=14)
    induction_working_days = models.PositiveSmallIntegerField(default=10)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "unpaid work policy"

    def __str__(self) -> str:
        return "Unpaid work policy"
