"""Supervision (DOMAIN.md §4), reviews: significant change, reviews and oversight."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from cases.models.contacts import Contact
from cases.models.record import Case
from cases.models.risk import ContactLevelDecision, Escalation
from crc.models_base import VersionedRecord


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
        indexes = [
            models.Index(fields=["case", "status", "due_on"]),
            # Reviews due across the service (nightly reminders): bench/plans.
            models.Index(fields=["status", "due_on"], name="review_status_due_idx"),
        ]

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
