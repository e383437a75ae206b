"""Interventions (DOMAIN.md §7): the directory and rate card, One Referral and the
provider's lifecycle (assignment, appointments, action plan, sessions, end-of-service
report) and RAR days credited against the order. Statuses move only through
interventions.rules.TRANSITIONS (checked by the services); every case-record model
keeps django-simple-history."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from interventions import rules


class InterventionKind(models.TextChoices):
    ACCREDITED_PROGRAMME = "accredited_programme", "Accredited programme"
    STRUCTURED_SUPERVISION = "structured_supervision", "Structured supervision toolkit"
    WOMENS_SERVICE = "womens_service", "Women's service"
    RESTORATIVE_JUSTICE = "restorative_justice", "Restorative justice"
    ETE = "ete", "Education, training and employment"
    PSYCHOLOGICAL_THERAPY = "psychological_therapy", "Psychological therapy"
    OTHER = "other", "Other"


class InterventionService(models.Model):
    """One line of the directory and rate card. Eligibility lists left empty mean
    "anyone": no sex, RoSH or need restriction; boroughs empty means all London."""

    name = models.CharField(max_length=120, unique=True)
    provider = models.ForeignKey(
        "organisation.PartnerOrganisation",
        on_delete=models.PROTECT,
        related_name="intervention_services",
        limit_choices_to={"partner_type": "intervention_provider"},
    )
    kind = models.CharField(max_length=30, choices=InterventionKind.choices)
    description = models.TextField(blank=True)
    sessions = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1)], help_text="The usual number of sessions"
    )
    max_sessions = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Most sessions an action plan may hold; empty: no limit"
    )
    eligible_sexes = models.JSONField(default=list, blank=True)
    eligible_rosh = models.JSONField("Eligible RoSH levels", default=list, blank=True)
    needs = models.JSONField("Needs addressed", default=list, blank=True)
    boroughs = models.JSONField(default=list, blank=True, help_text="Empty: all London")
    price = models.DecimalField(max_digits=8, decimal_places=2, help_text="Per referral (£)")
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Referrals open at once; empty: no limit"
    )
    counts_towards_rar = models.BooleanField("Counts towards RAR days", default=True)
    # Names the Grid's intervention suggestions use for this service, when they differ.
    grid_names = models.JSONField(default=list, blank=True)
    available = models.BooleanField(default=True, help_text="Off while coming soon or paused")
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def terms(self) -> rules.ServiceTerms:
        return rules.ServiceTerms(
            sexes=frozenset(self.eligible_sexes),
            rosh_levels=frozenset(self.eligible_rosh),
            needs=frozenset(self.needs),
            boroughs=frozenset(self.boroughs),
            available=self.available,
        )


ReferralStatus = rules.ReferralStatus


class RiskDisclosure(models.TextChoices):
    REDACTED = "redacted", "Redacted provider view (RoSH levels and risk to staff)"
    FULL = "full", "Full risk of harm analysis"


class Referral(models.Model):
    """One Referral: the officer's one referral of a case to a service."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="referrals")
    service = models.ForeignKey(
        InterventionService, on_delete=models.PROTECT, related_name="referrals"
    )
    status = models.CharField(
        max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    reason = models.TextField("Why this referral", blank=True)
    risk_disclosure = models.CharField(
        max_length=10, choices=RiskDisclosure.choices, default=RiskDisclosure.REDACTED
    )
    # What the provider sees, written when the referral is sent (a disclosure is a fact).
    risk_information = models.TextField(blank=True)
    from_grid_suggestion = models.BooleanField(default=False)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField()
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="intervention_referrals",
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    concluded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["status", "sent_at"]),
            models.Index(fields=["service", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawal_reason=""),
                name="referral_withdrawal_has_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} for {self.case.crn}"

    @property
    def is_open(self) -> bool:
        return self.status not in rules.CONCLUDED


class DesiredOutcome(models.Model):
    """What the referral should achieve, linked to the sentence plan objective it serves."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="outcomes")
    description = models.TextField()
    objective = models.ForeignKey(
        "cases.PlanObjective",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intervention_outcomes",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description[:60]


class ActionPlan(models.Model):
    """The provider's plan: activities and a number of sessions, approved by the officer.
    Edited in place until approved (version bumps); a revised plan after approval is a
    new row."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="action_plans")
    activities = models.JSONField(default=list)
    number_of_sessions = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"Action plan for {self.referral} ({self.number_of_sessions} sessions)"


class AppointmentKind(models.TextChoices):
    INITIAL_ASSESSMENT = "initial_assessment", "Initial assessment"
    SESSION = "session", "Session"


class Attendance(models.TextChoices):
    YES = "yes", "Attended"
    LATE = "late", "Attended late"
    NO = "no", "Did not attend"


class ProviderAppointment(models.Model):
    """An initial assessment or a delivery session, with attendance and feedback."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="appointments")
    kind = models.CharField(max_length=20, choices=AppointmentKind.choices)
    number = models.PositiveSmallIntegerField(default=0, help_text="Session number (0: none)")
    starts_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    attendance = models.CharField(max_length=4, choices=Attendance.choices, blank=True)
    absence_acceptable = models.BooleanField(null=True, blank=True)
    absence_reason = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    response = models.TextField("How the person responded", blank=True)
    behaviour = models.TextField(blank=True)
    concerns = models.TextField(blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The failure-to-comply contact this absence became (the enforcement flow).
    enforcement_contact = models.OneToOneField(
        "cases.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["referral", "kind", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def attended(self) -> bool:
        return self.attendance in rules.ATTENDED


class EndOfServiceReport(models.Model):
    referral = models.OneToOneField(
        Referral, on_delete=models.CASCADE, related_name="end_of_service_report"
    )
    further_information = models.TextField(blank=True)
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"End-of-service report: {self.referral}"


class Achievement(models.TextChoices):
    ACHIEVED = "achieved", "Achieved"
    PARTLY = "partly", "Partly achieved"
    NOT = "not", "Not achieved"


class OutcomeAchievement(models.Model):
    report = models.ForeignKey(
        EndOfServiceReport, on_delete=models.CASCADE, related_name="achievements"
    )
    outcome = models.OneToOneField(
        DesiredOutcome, on_delete=models.CASCADE, related_name="achievement"
    )
    achievement = models.CharField(max_length=10, choices=Achievement.choices)
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.outcome}: {self.get_achievement_display()}"


class RarCredit(models.Model):
    """One RAR day credited against an order's RAR requirement: at most one per day."""

    requirement = models.ForeignKey(
        "cases.Requirement", on_delete=models.CASCADE, related_name="rar_credits"
    )
    day = models.DateField()
    appointment = models.ForeignKey(
        ProviderAppointment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rar_credits",
    )
    activity = models.CharField(max_length=200)
    credited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["requirement", "day"], name="one_rar_day_per_day")
        ]

    def __str__(self) -> str:
        return f"RAR day {self.day:%d/%m/%Y}: {self.activity}"
