"""Projects (placements) and the community nominations that may become them
(DOMAIN.md §5)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords


class PlacementKind(models.TextChoices):
    GROUP = "group", "Group placement"
    INDIVIDUAL = "individual", "Individual placement"


class ProjectType(models.TextChoices):
    GARDENING = "gardening", "Gardening and grounds"
    FACILITIES = "facilities", "Facilities maintenance"
    CHARITY_SHOP = "charity_shop", "Charity shop"
    DECORATING = "decorating", "Painting and decorating"
    ENVIRONMENTAL = "environmental", "Environmental clean-up"
    CONSTRUCTION = "construction", "Construction and joinery"
    FOOD = "food", "Food bank and catering"
    OTHER = "other", "Other"


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


class Project(models.Model):
    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=12, choices=PlacementKind.choices)
    project_type = models.CharField(max_length=20, choices=ProjectType.choices)
    borough = models.CharField(max_length=60)
    address = models.TextField()
    postcode = models.CharField(max_length=10, blank=True)
    # The area whose measures the project counts in (boroughs sit in areas).
    area = models.ForeignKey(
        "organisation.Area", on_delete=models.PROTECT, related_name="unpaid_work_projects"
    )
    host = models.ForeignKey(
        "organisation.PartnerOrganisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="unpaid_work_projects",
        limit_choices_to={"partner_type": "unpaid_work_host"},
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised_projects",
        limit_choices_to={"role": "uw_supervisor"},
    )
    capacity_per_session = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    women_only = models.BooleanField(default=False)
    # Risk suitability: who the work brings people near.
    near_children = models.BooleanField(default=False)
    near_vulnerable_adults = models.BooleanField(default=False)
    skills_opportunities = models.TextField(blank=True)
    qualification_available = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["borough", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "borough"], name="uw_project_name_borough"),
            models.CheckConstraint(
                condition=models.Q(capacity_per_session__gte=1), name="uw_project_capacity_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.borough})"


class NominationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for review"
    ACCEPTED = "accepted", "Accepted: a project exists"
    REJECTED = "rejected", "Rejected"


# The one transition table: a nomination is reviewed once.
NOMINATION_TRANSITIONS = {
    NominationStatus.SUBMITTED: {NominationStatus.ACCEPTED, NominationStatus.REJECTED},
    NominationStatus.ACCEPTED: set(),
    NominationStatus.REJECTED: set(),
}


class Nomination(models.Model):
    """A community's suggestion of work; a project exists only once staff accept it."""

    nominator_name = models.CharField(max_length=120)
    nominator_email = models.EmailField()
    nominator_phone = models.CharField(max_length=30, blank=True)
    organisation = models.CharField(max_length=150, blank=True)
    borough = models.CharField(max_length=60)
    location = models.TextField()
    description = models.TextField()
    suggested_type = models.CharField(max_length=20, choices=ProjectType.choices, blank=True)
    status = models.CharField(
        max_length=10, choices=NominationStatus.choices, default=NominationStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_reason = models.TextField(blank=True)
    project = models.OneToOneField(
        Project, null=True, blank=True, on_delete=models.PROTECT, related_name="nomination"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return f"Nomination in {self.borough} from {self.nominator_name}"
