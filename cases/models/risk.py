"""Risk on the case record: registrations and their review policy, criminogenic
needs, the Grid and contact levels, and escalation to the NPS."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from cases.models.record import Case
from cases.risk import rules


class RegistrationType(models.TextChoices):
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse perpetrator"
    CHILD_PROTECTION = "child_protection", "Child protection"
    CHILD_CONCERNS = "child_concerns", "Child concerns"
    RISK_TO_CHILDREN = "risk_to_children", "Risk to children"
    MENTAL_HEALTH = "mental_health", "Mental health issues"
    SUICIDE_SELF_HARM = "suicide_self_harm", "Suicide or self-harm"
    VULNERABILITY = "vulnerability", "Vulnerability"
    ADULT_AT_RISK = "adult_at_risk", "Adult at risk"
    STREET_GANGS = "street_gangs", "Street gangs"
    WEAPONS = "weapons", "Weapons"
    TERRORISM = "terrorism", "Terrorism"
    PUBLIC_INTEREST = "public_interest", "Public interest"


class RegistrationPolicy(models.Model):
    """Policy as data: how often each kind of registration must be reviewed."""

    registration_type = models.CharField(
        max_length=30, choices=RegistrationType.choices, unique=True
    )
    review_months = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "registration policies"
        ordering = ["registration_type"]

    def __str__(self) -> str:
        return f"{self.get_registration_type_display()}: every {self.review_months} months"


class Registration(models.Model):
    """A risk flag on the case, with its review cycle."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="registrations")
    registration_type = models.CharField(max_length=30, choices=RegistrationType.choices)
    registered_on = models.DateField()
    next_review_date = models.DateField()
    notes = models.TextField(blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["registration_type"]
        # The nightly review reminders: active registrations by review date (bench/plans).
        indexes = [
            models.Index(
                fields=["next_review_date"],
                condition=Q(ended_on__isnull=True),
                name="registration_review_due_idx",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "registration_type"],
                condition=Q(ended_on__isnull=True),
                name="one_active_registration_per_type",
            )
        ]

    def __str__(self) -> str:
        return self.get_registration_type_display()

    @property
    def is_active(self) -> bool:
        return self.ended_on is None


class NeedArea(models.TextChoices):
    ACCOMMODATION = "accommodation", "Accommodation"
    ETE = "ete", "Education, training and employment"
    RELATIONSHIPS = "relationships", "Relationships"
    LIFESTYLE = "lifestyle", "Lifestyle and associates"
    DRUGS = "drugs", "Drug misuse"
    ALCOHOL = "alcohol", "Alcohol misuse"
    THINKING_BEHAVIOUR = "thinking_behaviour", "Thinking and behaviour"
    ATTITUDES = "attitudes", "Attitudes"
    FINANCE = "finance", "Finance"
    EMOTIONAL_WELLBEING = "emotional_wellbeing", "Emotional wellbeing"


class NeedSeverity(models.TextChoices):
    NONE = rules.Severity.NONE.value, "No need"
    STANDARD = rules.Severity.STANDARD.value, "Standard"
    SEVERE = rules.Severity.SEVERE.value, "Severe"


class CriminogenicNeed(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="needs")
    need = models.CharField(max_length=30, choices=NeedArea.choices)
    severity = models.CharField(max_length=10, choices=NeedSeverity.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["need"]
        constraints = [models.UniqueConstraint(fields=["case", "need"], name="one_row_per_need")]

    def __str__(self) -> str:
        return f"{self.get_need_display()}: {self.get_severity_display()}"


# --- The Grid and contact levels -------------------------------------------------


class GridPhase(models.TextChoices):
    INDUCTION = rules.Phase.INDUCTION.value, "Induction (first 4 weeks)"
    MAIN = rules.Phase.MAIN.value, "Main phase"


class GridRule(models.Model):
    """One cell of the Grid: tier and phase to the minimum contact level. Admin-editable."""

    tier = models.CharField(max_length=2, help_text="A tier such as B2, or A* for all of tier A")
    phase = models.CharField(max_length=10, choices=GridPhase.choices)
    contacts = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    period_days = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    face_to_face = models.PositiveSmallIntegerField(
        help_text="How many of the contacts in each period must be face to face"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["tier", "phase"]
        constraints = [
            models.UniqueConstraint(fields=["tier", "phase"], name="one_grid_rule_per_cell"),
            models.CheckConstraint(
                condition=Q(face_to_face__lte=models.F("contacts")), name="grid_f2f_within_contacts"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tier} {self.get_phase_display()}: {self.level.describe()}"

    @property
    def level(self) -> rules.ContactLevel:
        return rules.ContactLevel(self.contacts, self.period_days, self.face_to_face)


class InterventionSuggestion(models.Model):
    """The Grid's second use: from a need, registration or sex to suggested interventions."""

    class Trigger(models.TextChoices):
        NEED = "need", "Criminogenic need"
        REGISTRATION = "registration", "Registration"
        SEX = "sex", "Sex"

    trigger = models.CharField(max_length=15, choices=Trigger.choices)
    value = models.CharField(max_length=30, help_text="The need, registration type or sex")
    intervention = models.CharField(max_length=120)
    history = HistoricalRecords()

    class Meta:
        ordering = ["trigger", "value", "intervention"]
        constraints = [
            models.UniqueConstraint(
                fields=["trigger", "value", "intervention"], name="unique_intervention_suggestion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_trigger_display()} {self.value} → {self.intervention}"


class ContactLevelStatus(models.TextChoices):
    ACTIVE = "active", "In force"
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting SPO approval"
    DECLINED = "declined", "Declined"
    SUPERSEDED = "superseded", "Superseded"


class ContactLevelSource(models.TextChoices):
    GRID = "grid", "Set by the Grid"
    OFFICER = "officer", "Changed by the officer"


class ContactLevelDecision(models.Model):
    """A contact level for the case. Exactly one is in force at a time."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contact_levels")
    contacts = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    period_days = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    face_to_face = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=10, choices=ContactLevelSource.choices)
    tier = models.CharField(max_length=2, blank=True)
    phase = models.CharField(max_length=10, choices=GridPhase.choices, blank=True)
    reason = models.TextField()
    status = models.CharField(max_length=20, choices=ContactLevelStatus.choices)
    is_reduction = models.BooleanField(default=False)
    risk_concerns = models.JSONField(
        default=list, blank=True, help_text="Open risk concerns when the change was asked for"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="active"), name="one_contact_level_in_force"
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="awaiting_approval"),
                name="one_contact_level_awaiting_approval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.crn}: {self.describe()} ({self.get_status_display()})"

    @property
    def level(self) -> rules.ContactLevel:
        return rules.ContactLevel(self.contacts, self.period_days, self.face_to_face)

    def describe(self) -> str:
        if self.contacts > 1:
            return f"{self.level.describe()}, {self.face_to_face} of {self.contacts} face to face"
        kind = "face to face" if self.face_to_face else "any contact type"
        return f"{self.level.describe()}, {kind}"


# --- Escalation to the NPS -------------------------------------------------------


class EscalationStatus(models.TextChoices):
    RAISED = "raised", "Raised"
    REFERRED = "referred", "Referred to the NPS"
    ACCEPTED = "accepted", "Accepted by the NPS"
    DECLINED = "declined", "Declined by the NPS"
    CLOSED = "closed", "Closed"


OPEN_ESCALATION_STATUSES = [
    EscalationStatus.RAISED,
    EscalationStatus.REFERRED,
    EscalationStatus.ACCEPTED,
    EscalationStatus.DECLINED,
]


class Escalation(models.Model):
    """A risk-of-harm escalation: the case must be referred to the NPS. The CRC keeps
    supervising until the NPS accepts; the escalation stays on the case until closed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="escalations")
    reasons = models.TextField()
    status = models.CharField(
        max_length=10, choices=EscalationStatus.choices, default=EscalationStatus.RAISED
    )
    raised_at = models.DateTimeField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    referred_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=~Q(status="closed"),
                name="one_open_escalation_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"Escalation of {self.case.crn}: {self.get_status_display()}"

    @property
    def is_open(self) -> bool:
        return self.status != EscalationStatus.CLOSED
