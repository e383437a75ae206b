"""The case record (DOMAIN.md §2): the person on probation, their orders,
requirements and licence conditions, and the choices they are recorded with. Every
case-record model keeps django-simple-history.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from cases.record import rules as record_rules
from cases.risk import rules

crn_validator = RegexValidator(
    record_rules.CRN_PATTERN, "Enter a CRN as one capital letter and six digits, like X123456"
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

    # Risk (changed only through cases.risk.services.risk_record)
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

    # Tier: derived, recalculated by cases.risk.services.tier_recalculate whenever an input changes
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
