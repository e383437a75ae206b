"""Supervision (DOMAIN.md §4), planning: the versioned records, assessment,
information requests and the sentence plan."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from cases.models.record import Case
from cases.models.risk import NeedArea
from crc.models_base import VersionedRecord


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
# Requests that are over without an answer. They disclose nothing further to the partner
# (no person, no risk, no reason: only that it is over, and when) and never count as a
# standing arrangement. A "closed" status, if one is added, belongs here too.
NON_DISCLOSING_INFORMATION_REQUEST_STATUSES = ["withdrawn"]


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
    # Internal: why staff withdrew the request. Never shown to the partner (the API has
    # no field for it), unlike the answer, which the partner wrote.
    withdrawal_reason = models.TextField(blank=True)
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

    @property
    def discloses_to_partner(self) -> bool:
        return self.status not in NON_DISCLOSING_INFORMATION_REQUEST_STATUSES


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
