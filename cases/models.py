"""The case record (DOMAIN.md §2-3): the person on probation, their orders and
requirements, allocation, risk, registrations, needs, tier, contact level and
escalations. Every case-record model keeps django-simple-history.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from cases import rules

crn_validator = RegexValidator(
    rules.CRN_PATTERN, "Enter a CRN as one capital letter and six digits, like X123456"
)


class Sex(models.TextChoices):
    MALE = "male", "Male"
    FEMALE = "female", "Female"
    NOT_KNOWN = "not_known", "Not known"


class GenderIdentity(models.TextChoices):
    SAME_AS_SEX = "same", "Same as sex registered at birth"
    DIFFERENT = "different", "Different from sex registered at birth"
    PREFER_NOT_TO_SAY = "prefer_not", "Prefers not to say"


class Ethnicity(models.TextChoices):
    """ONS 2021 census categories; blank means not recorded (measured as data quality)."""

    ASIAN_BANGLADESHI = "A1", "Asian or Asian British: Bangladeshi"
    ASIAN_CHINESE = "A2", "Asian or Asian British: Chinese"
    ASIAN_INDIAN = "A3", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "A4", "Asian or Asian British: Pakistani"
    ASIAN_OTHER = "A9", "Asian or Asian British: any other Asian background"
    BLACK_AFRICAN = "B1", "Black, Black British, Caribbean or African: African"
    BLACK_CARIBBEAN = "B2", "Black, Black British, Caribbean or African: Caribbean"
    BLACK_OTHER = "B9", "Black, Black British, Caribbean or African: any other background"
    MIXED_WHITE_ASIAN = "M1", "Mixed or multiple ethnic groups: White and Asian"
    MIXED_WHITE_BLACK_AFRICAN = "M2", "Mixed or multiple ethnic groups: White and Black African"
    MIXED_WHITE_BLACK_CARIBBEAN = "M3", "Mixed or multiple ethnic groups: White and Black Caribbean"
    MIXED_OTHER = "M9", "Mixed or multiple ethnic groups: any other background"
    WHITE_BRITISH = "W1", "White: English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "W2", "White: Irish"
    WHITE_GYPSY_TRAVELLER = "W3", "White: Gypsy or Irish Traveller"
    WHITE_ROMA = "W4", "White: Roma"
    WHITE_OTHER = "W9", "White: any other White background"
    OTHER_ARAB = "O1", "Other ethnic group: Arab"
    OTHER = "O9", "Other ethnic group: any other ethnic group"
    PREFER_NOT_TO_SAY = "NS", "Prefers not to say"


class AccommodationStatus(models.TextChoices):
    SETTLED = "settled", "Settled"
    TEMPORARY = "temporary", "Temporary"
    NO_FIXED_ABODE = "nfa", "No fixed abode"
    APPROVED_PREMISES = "approved_premises", "Approved premises"
    IN_CUSTODY = "custody", "In custody"


class EmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", "Employed"
    SELF_EMPLOYED = "self_employed", "Self-employed"
    UNEMPLOYED = "unemployed", "Unemployed"
    EDUCATION = "education", "In education or training"
    UNABLE = "unable", "Unable to work"
    RETIRED = "retired", "Retired"


class RoshLevel(models.TextChoices):
    LOW = rules.Rosh.LOW.value, "Low"
    MEDIUM = rules.Rosh.MEDIUM.value, "Medium"
    HIGH = rules.Rosh.HIGH.value, "High"
    VERY_HIGH = rules.Rosh.VERY_HIGH.value, "Very high"


class CaseStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    TERMINATED = "terminated", "Terminated"
    TRANSFERRED = "transferred", "Transferred to the NPS"


ROSH_GROUPS = {
    "rosh_children": "Children",
    "rosh_public": "Public",
    "rosh_known_adult": "Known adult",
    "rosh_staff": "Staff",
}


class Case(models.Model):
    """A person on probation supervised by the CRC, and everything hung on them."""

    crn = models.CharField("CRN", max_length=7, unique=True, validators=[crn_validator])
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.ACTIVE)

    # The person
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=10, choices=Sex.choices)
    gender_identity = models.CharField(max_length=12, choices=GenderIdentity.choices, blank=True)
    ethnicity = models.CharField(max_length=2, choices=Ethnicity.choices, blank=True)
    disability = models.BooleanField(null=True, blank=True, help_text="Unknown when empty")
    disability_details = models.TextField(blank=True)
    reasonable_adjustments = models.TextField(blank=True)
    religion = models.CharField(max_length=100, blank=True)
    first_language = models.CharField(max_length=60, blank=True)
    interpreter_required = models.BooleanField(default=False)
    caring_responsibilities = models.TextField(blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    accommodation_status = models.CharField(
        max_length=20, choices=AccommodationStatus.choices, blank=True
    )
    employment_status = models.CharField(
        max_length=20, choices=EmploymentStatus.choices, blank=True
    )
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)

    # Allocation (current; every change is an Allocation row)
    responsible_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    team = models.ForeignKey(
        "organisation.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )

    # Risk (changed only through cases.services.risk_record)
    rosh_overall = models.CharField("RoSH", max_length=10, choices=RoshLevel.choices, blank=True)
    rosh_children = models.CharField(max_length=10, choices=RoshLevel.choices, blank=True)
    rosh_public = models.CharField(max_length=10, choices=RoshLevel.choices, blank=True)
    rosh_known_adult = models.CharField(max_length=10, choices=RoshLevel.choices, blank=True)
    rosh_staff = models.CharField(max_length=10, choices=RoshLevel.choices, blank=True)
    rosh_assessed_on = models.DateField(null=True, blank=True)
    ogrs_score = models.PositiveSmallIntegerField(
        "OGRS", null=True, blank=True, validators=[MaxValueValidator(99)]
    )
    rsr_score = models.DecimalField(
        "RSR (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    mappa_category = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=[(n, f"Category {n}") for n in range(1, 5)]
    )
    mappa_level = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=[(n, f"Level {n}") for n in range(1, 4)]
    )
    iom_nominal = models.BooleanField("Integrated offender management nominal", default=False)
    # Women's complexity factors (tier protect points; DOMAIN.md §3)
    parenting_responsibilities = models.BooleanField(default=False)
    poor_self_control = models.BooleanField(default=False)
    breach_or_recall_last_12_months = models.BooleanField(default=False)
    needs_assessed_on = models.DateField(
        null=True, blank=True, help_text="When needs were last assessed; empty means no assessment"
    )
    strengths = models.TextField("Strengths and protective factors", blank=True)

    # Tier: derived, recalculated by cases.services.tier_recalculate whenever an input changes
    tier = models.CharField(max_length=2, blank=True, db_index=True)
    tier_working = models.JSONField(default=dict, blank=True)
    tier_calculated_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["responsible_officer", "status"]),
            models.Index(fields=["team", "status"]),
            models.Index(fields=["last_name", "first_name"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ogrs_score__isnull=True) | Q(ogrs_score__lte=99),
                name="case_ogrs_0_99",
            ),
            models.CheckConstraint(
                condition=Q(mappa_level__isnull=True) | Q(mappa_level__gte=1, mappa_level__lte=3),
                name="case_mappa_level_1_3",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.crn} {self.full_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def age(self) -> int:
        today = dt.date.today()
        born = self.date_of_birth
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    def clean(self) -> None:
        if self.crn:
            self.crn = self.crn.strip().upper()


class OrderType(models.TextChoices):
    COMMUNITY_ORDER = "co", "Community order"
    SUSPENDED_SENTENCE_ORDER = "sso", "Suspended sentence order"
    LICENCE = "licence", "Licence"
    POST_SENTENCE_SUPERVISION = "pss", "Post-sentence supervision"


ORDER_TYPES_WITH_CONDITIONS = {OrderType.LICENCE, OrderType.POST_SENTENCE_SUPERVISION}


class OrderStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    TERMINATED = "terminated", "Terminated"


class Order(models.Model):
    """An order or licence (an 'event') the person is supervised on."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="orders")
    order_type = models.CharField(max_length=10, choices=OrderType.choices)
    court = models.CharField(max_length=120, blank=True)
    sentence_date = models.DateField()
    start_date = models.DateField()
    expected_end_date = models.DateField()
    release_date = models.DateField(
        null=True, blank=True, help_text="For licences and post-sentence supervision"
    )
    index_offence = models.CharField(max_length=200)
    status = models.CharField(
        max_length=12, choices=OrderStatus.choices, default=OrderStatus.ACTIVE
    )
    terminated_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expected_end_date__gte=models.F("start_date")),
                name="order_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_order_type_display()} from {self.start_date:%d/%m/%Y}"

    def clean(self) -> None:
        if self.start_date and self.expected_end_date and self.expected_end_date < self.start_date:
            raise ValidationError(
                {"expected_end_date": "The end date must be after the start date"}
            )


class RequirementType(models.TextChoices):
    UNPAID_WORK = "unpaid_work", "Unpaid work"
    RAR = "rar", "Rehabilitation activity requirement"
    ACCREDITED_PROGRAMME = "programme", "Accredited programme"
    CURFEW = "curfew", "Curfew"
    EXCLUSION = "exclusion", "Exclusion"
    DRUG_REHABILITATION = "drug_rehab", "Drug rehabilitation"
    ALCOHOL_TREATMENT = "alcohol_treatment", "Alcohol treatment"
    MENTAL_HEALTH_TREATMENT = "mental_health", "Mental health treatment"
    RESIDENCE = "residence", "Residence"
    PROHIBITED_ACTIVITY = "prohibited_activity", "Prohibited activity"
    ALCOHOL_ABSTINENCE = "alcohol_abstinence", "Alcohol abstinence and monitoring"


# Requirements that punish or restrict but do not work on behaviour (tier change axis 0
# when an order has only these).
NON_BEHAVIOURAL_REQUIREMENTS = frozenset(
    {
        RequirementType.UNPAID_WORK,
        RequirementType.CURFEW,
        RequirementType.EXCLUSION,
        RequirementType.PROHIBITED_ACTIVITY,
        RequirementType.ALCOHOL_ABSTINENCE,
    }
)
REQUIREMENT_UNITS = {RequirementType.UNPAID_WORK: "hours", RequirementType.RAR: "days"}


class Requirement(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="requirements")
    requirement_type = models.CharField(max_length=30, choices=RequirementType.choices)
    length = models.PositiveIntegerField(
        null=True, blank=True, help_text="Hours for unpaid work, days for RAR, months otherwise"
    )
    details = models.TextField(blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        unit = REQUIREMENT_UNITS.get(self.requirement_type, "months")
        length = f" ({self.length} {unit})" if self.length else ""
        return f"{self.get_requirement_type_display()}{length}"


class LicenceCondition(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="licence_conditions")
    condition = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.condition


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


# =====================================================================================
# Supervision (DOMAIN.md §4): assessment, information requests, sentence plan,
# appointments and CRISSA contacts, enforcement, significant change, reviews, oversight.
# =====================================================================================


class VersionedRecord(models.Model):
    """Optimistic concurrency: a save must carry the version it was read at. Services
    compare and bump it; a stale save is refused (crc.domain.StaleVersionError) and the
    newer version is shown instead of being overwritten."""

    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "In progress"
    COMPLETE = "complete", "Complete"


class Assessment(VersionedRecord):
    """The case's assessment. One row per case, edited in place with a version number;
    django-simple-history keeps every saved state."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="assessment")
    status = models.CharField(
        max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    offending_analysis = models.TextField("Offending-related factors and analysis", blank=True)
    victims = models.TextField("Victims (actual and potential)", blank=True)
    risk_of_harm_analysis = models.TextField("Risk of harm analysis", blank=True)
    diversity_and_circumstances = models.TextField(
        "Diversity and personal circumstances", blank=True
    )
    readiness_and_motivation = models.TextField("Readiness and motivation to change", blank=True)
    strengths = models.TextField("Strengths", blank=True)
    own_view = models.TextField("The person's own view (self-assessment)", blank=True)
    other_agencies = models.TextField("Information from other agencies", blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Assessment of {self.case.crn} (version {self.version})"


class Agency(models.TextChoices):
    POLICE = "police", "Police"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"


class InformationRequestStatus(models.TextChoices):
    SENT = "sent", "Sent"
    CHASED = "chased", "Chased"
    ESCALATED = "escalated", "Escalated to SPO"
    ANSWERED = "answered", "Answered"
    WITHDRAWN = "withdrawn", "Withdrawn"


OPEN_INFORMATION_REQUEST_STATUSES = ["sent", "chased", "escalated"]


class InformationRequest(models.Model):
    """A request to the police (domestic abuse call-outs, intelligence) or children's
    social care (safeguarding checks), with its answer."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="information_requests")
    agency = models.CharField(max_length=30, choices=Agency.choices)
    partner_organisation = models.ForeignKey(
        "organisation.PartnerOrganisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="information_requests",
    )
    question = models.TextField()
    status = models.CharField(
        max_length=12,
        choices=InformationRequestStatus.choices,
        default=InformationRequestStatus.SENT,
    )
    sent_on = models.DateField()
    chase_due_on = models.DateField()
    escalate_due_on = models.DateField()
    chased_on = models.DateField(null=True, blank=True)
    escalated_on = models.DateField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(blank=True)
    # Who answered: a member of staff recording an answer received by other means, or a
    # partner through the API (acting person as they named themselves).
    answered_by_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_by_partner = models.CharField(max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_on", "-id"]
        indexes = [models.Index(fields=["partner_organisation", "status", "updated_at"])]

    def __str__(self) -> str:
        return f"{self.get_agency_display()} request for {self.case.crn}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_INFORMATION_REQUEST_STATUSES


class SentencePlan(VersionedRecord):
    """The sentence plan with its risk management plan. One per case, versioned."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="sentence_plan")
    own_words = models.TextField("The person's own words about the plan", blank=True)
    person_took_part = models.BooleanField("The person took part in making the plan", default=False)
    constructive_measures = models.TextField(blank=True)
    restrictive_measures = models.TextField(blank=True)
    contingency_plan = models.TextField(blank=True)
    agency_links = models.TextField("Links with other agencies", blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Sentence plan for {self.case.crn} (version {self.version})"


class PlanObjective(models.Model):
    plan = models.ForeignKey(SentencePlan, on_delete=models.CASCADE, related_name="objectives")
    description = models.TextField()
    # What it addresses: a need area, or a risk-of-harm factor.
    need = models.CharField(max_length=30, choices=NeedArea.choices, blank=True)
    addresses_risk_of_harm = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-addresses_risk_of_harm", "position", "id"]

    def __str__(self) -> str:
        return self.description[:60]


class PlanAction(models.Model):
    objective = models.ForeignKey(PlanObjective, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.CharField(
        max_length=120, help_text="Who does it: the person, the officer, an agency"
    )
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description[:60]


class ContactType(models.TextChoices):
    OFFICE = "office", "Office visit"
    HOME_VISIT = "home_visit", "Home visit"
    TELEPHONE = "telephone", "Telephone"
    VIDEO = "video", "Video call"
    UNPAID_WORK = "unpaid_work", "Unpaid work session"
    PROGRAMME = "programme", "Programme session"
    THIRD_PARTY = "third_party", "Third-party contact (police, social care, partner)"


FACE_TO_FACE_CONTACT_TYPES = frozenset(
    {ContactType.OFFICE, ContactType.HOME_VISIT, ContactType.UNPAID_WORK, ContactType.PROGRAMME}
)
# Contact with the person (counts towards the Grid); third-party contact does not.
CONTACT_WITH_PERSON_TYPES = frozenset(set(ContactType) - {ContactType.THIRD_PARTY})


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    OUTCOME_RECORDED = "recorded", "Outcome recorded"
    CANCELLED = "cancelled", "Cancelled"


class Appointment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appointments")
    contact_type = models.CharField(max_length=20, choices=ContactType.choices)
    starts_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    with_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["with_staff", "status", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.get_contact_type_display()} {self.case.crn} {self.starts_at:%Y-%m-%d %H:%M}"


class AttendanceOutcome(models.TextChoices):
    ATTENDED_COMPLIED = "complied", "Attended and complied"
    ATTENDED_FAILED = "failed_to_comply", "Attended, failed to comply"
    ACCEPTABLE_ABSENCE = "acceptable_absence", "Acceptable absence"
    UNACCEPTABLE_ABSENCE = "unacceptable_absence", "Unacceptable absence"
    ABSENCE_TO_DECIDE = "absence_to_decide", "Absent: acceptability to be decided"
    RESCHEDULED = "rescheduled", "Rescheduled"
    NOT_APPLICABLE = "not_applicable", "Not an appointment"


# Outcomes that are failures to comply (Sch. 10 enforcement applies).
FAILURE_OUTCOMES = frozenset(
    {AttendanceOutcome.ATTENDED_FAILED, AttendanceOutcome.UNACCEPTABLE_ABSENCE}
)


class Contact(models.Model):
    """A contact in CRISSA form: Check in, Review, Implement, Summary, Set tasks,
    Attendance (next appointment)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contacts")
    appointment = models.OneToOneField(
        Appointment, null=True, blank=True, on_delete=models.PROTECT, related_name="contact"
    )
    contact_type = models.CharField(max_length=20, choices=ContactType.choices)
    happened_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    check_in = models.TextField("Check in", blank=True)
    review = models.TextField("Review", blank=True)
    implement = models.TextField("Implement", blank=True)
    summary = models.TextField("Summary", blank=True)
    set_tasks = models.TextField("Set tasks", blank=True)
    attendance = models.TextField("Attendance (next appointment)", blank=True)
    sensitive = models.BooleanField(default=False)
    outcome = models.CharField(max_length=25, choices=AttendanceOutcome.choices)
    absence_reason = models.TextField(blank=True)
    absence_evidence = models.TextField(blank=True)
    # Acceptability of an absence is decided within 2 working days (DeadlinePolicy).
    acceptability_due_on = models.DateField(null=True, blank=True)
    acceptability_decided_at = models.DateTimeField(null=True, blank=True)
    acceptability_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-happened_at", "-id"]
        indexes = [models.Index(fields=["case", "happened_at"])]

    def __str__(self) -> str:
        return f"{self.get_contact_type_display()} {self.case.crn} {self.happened_at:%Y-%m-%d}"

    @property
    def is_face_to_face(self) -> bool:
        return self.contact_type in FACE_TO_FACE_CONTACT_TYPES

    @property
    def is_failure(self) -> bool:
        return self.outcome in FAILURE_OUTCOMES


class EnforcementKind(models.TextChoices):
    WARNING = "warning", "Warning"
    BREACH = "breach", "Breach action"
    RECALL = "recall", "Recall"
    NO_ACTION = "no_action", "No enforcement (professional judgement)"


class EnforcementStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    WITHDRAWN = "withdrawn", "Withdrawn"


class EnforcementAction(models.Model):
    """The decision on a failure to comply (Sentencing Code Sch. 10 para 6)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="enforcement_actions")
    failure = models.OneToOneField(Contact, on_delete=models.PROTECT, related_name="enforcement")
    kind = models.CharField(max_length=10, choices=EnforcementKind.choices)
    status = models.CharField(
        max_length=12, choices=EnforcementStatus.choices, default=EnforcementStatus.IN_PROGRESS
    )
    justification = models.TextField(blank=True, help_text="Required when not enforcing")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.case.crn}"


class SignificantChangeCategory(models.TextChoices):
    NEW_RELATIONSHIP = "new_relationship", "New relationship"
    CONTACT_WITH_CHILDREN = "contact_with_children", "Contact with children"
    ARREST = "arrest", "Arrest or police call-out"
    GANG_ASSOCIATION = "gang_association", "Gang association"
    INJURY = "injury", "Injury"
    LOSS_OF_ACCOMMODATION = "loss_of_accommodation", "Loss of accommodation"
    MISSED_OTHER_AGENCY = "missed_other_agency", "Missed appointments with other agencies"
    DOMESTIC_ABUSE_INCIDENT = "domestic_abuse_incident", "Domestic abuse incident"
    INTELLIGENCE = "intelligence", "Police intelligence"
    OTHER = "other", "Other"


class SignificantChangeSource(models.TextChoices):
    STAFF = "staff", "Recorded by staff"
    PARTNER = "partner", "Reported by a partner agency"


class SignificantChange(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="significant_changes")
    category = models.CharField(max_length=30, choices=SignificantChangeCategory.choices)
    description = models.TextField()
    occurred_on = models.DateField()
    source = models.CharField(max_length=10, choices=SignificantChangeSource.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    partner_organisation = models.ForeignKey(
        "organisation.PartnerOrganisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_by = models.CharField(
        max_length=200, blank=True, help_text="The partner's acting person"
    )
    contact = models.ForeignKey(
        Contact,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="significant_changes",
    )
    review = models.ForeignKey(
        "Review",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="significant_changes",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} ({self.case.crn})"


class ReviewKind(models.TextChoices):
    PERIODIC = "periodic", "Periodic review"
    SIGNIFICANT_CHANGE = "significant_change", "After a significant change"
    ROSH_CHANGE = "rosh_change", "After a change in risk of harm"
    ENFORCEMENT = "enforcement", "After enforcement"
    RECALL = "recall", "After recall"
    RELEASE = "release", "After release"
    TERMINATION = "termination", "Termination review"


class ReviewStatus(models.TextChoices):
    DUE = "due", "Due"
    COMPLETE = "complete", "Complete"
    CANCELLED = "cancelled", "Cancelled"


class Review(VersionedRecord):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=20, choices=ReviewKind.choices)
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DUE)
    compliance_and_engagement = models.TextField(blank=True)
    desistance_progress = models.TextField(blank=True)
    risk_of_harm_change = models.TextField("Change in risk of harm", blank=True)
    persons_involvement = models.TextField("The person's involvement", blank=True)
    other_agencies = models.TextField("Information from other agencies", blank=True)
    grid_reapplied = models.BooleanField(default=False)
    # What changed since the previous review, as shown when this one was completed.
    changes_since_last = models.JSONField(default=dict, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # What caused it ("significant-change:12"), so a retried cause creates one review.
    source_key = models.CharField(max_length=80, unique=True, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["case", "status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.case.crn} due {self.due_on}"


class OversightKind(models.TextChoices):
    NOTE = "note", "Management oversight"
    COUNTERSIGNATURE = "countersignature", "Countersignature"


class OversightEntry(models.Model):
    """An SPO's entry on a case: oversight notes and countersigned risk decisions."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="oversight_entries")
    kind = models.CharField(max_length=20, choices=OversightKind.choices)
    text = models.TextField()
    escalation = models.ForeignKey(
        Escalation, null=True, blank=True, on_delete=models.PROTECT, related_name="oversight"
    )
    contact_level = models.ForeignKey(
        ContactLevelDecision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="oversight",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "oversight entries"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.case.crn}"
