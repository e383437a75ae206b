"""Through the Gate (DOMAIN.md §6): custody episodes in the resettlement prisons, the
screening of needs across the seven pathways, the resettlement plan, pre-release
contact and the release checklist and handover.

Statuses are TextChoices whose allowed moves live in rules.py (one table each); the
services refuse any other move. Records edited in place carry a version number that the
services check (stale saves are refused, never overwritten).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from cases.models import Appointment, Case, Contact
from crc.models_base import VersionedRecord
from crc.organisation.models import PartnerOrganisation


class PrisonKind(models.TextChoices):
    MEN = "men", "Men's prison"
    WOMEN = "women", "Women's prison"
    YOI = "yoi", "Young offender institution"


class Prison(models.Model):
    """One of the resettlement prisons the CRC serves: reference data, linked to the
    partner organisation (type prison) that posts release-date changes through the API."""

    name = models.CharField(max_length=100, unique=True)
    code = models.CharField(max_length=3, unique=True, help_text="The prison's NOMIS code")
    kind = models.CharField(max_length=10, choices=PrisonKind.choices)
    partner = models.OneToOneField(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        related_name="prison",
        limit_choices_to={"partner_type": "prison"},
    )
    active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReleaseKind(models.TextChoices):
    LICENCE = "licence", "Licence"
    PSS = "pss", "Post-sentence supervision"


class EpisodeStatus(models.TextChoices):
    IN_CUSTODY = "in_custody", "In custody"
    RELEASED = "released", "Released"
    CLOSED = "closed", "Closed without release"


class CustodyEpisode(VersionedRecord):
    """A spell in one of the resettlement prisons. The community responsible officer is
    the case's responsible officer (one source of truth for who holds the case)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="custody_episodes")
    prison = models.ForeignKey(Prison, on_delete=models.PROTECT, related_name="episodes")
    reception_date = models.DateField()
    expected_release_date = models.DateField()
    release_kind = models.CharField(max_length=10, choices=ReleaseKind.choices)
    resettlement_provider = models.ForeignKey(
        PartnerOrganisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resettlement_episodes",
        limit_choices_to={"partner_type": "resettlement_provider"},
    )
    resettlement_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resettlement_episodes",
    )
    status = models.CharField(
        max_length=12, choices=EpisodeStatus.choices, default=EpisodeStatus.IN_CUSTODY
    )
    released_on = models.DateField(null=True, blank=True)
    closed_reason = models.TextField(blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["expected_release_date", "id"]
        constraints = [
            # One open spell in custody per case: two would split the plan and the alerts.
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="in_custody"),
                name="resettlement_one_open_episode_per_case",
            ),
            models.CheckConstraint(
                condition=Q(expected_release_date__gte=models.F("reception_date")),
                name="resettlement_release_after_reception",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "expected_release_date"]),
            models.Index(fields=["prison", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.case.crn} in {self.prison}"

    @property
    def community_officer(self):
        return self.case.responsible_officer


class ChangeSource(models.TextChoices):
    PRISON_API = "prison_api", "Prison (through the API)"
    OFFICER = "officer", "Officer"


class ReleaseDateChange(models.Model):
    """Every change of the expected release date, with where it came from and why.
    `key` makes a repeated post of the same change (a retry) a no-op."""

    episode = models.ForeignKey(
        CustodyEpisode, on_delete=models.CASCADE, related_name="release_date_changes"
    )
    old_date = models.DateField()
    new_date = models.DateField()
    source = models.CharField(max_length=12, choices=ChangeSource.choices)
    reason = models.TextField()
    key = models.CharField(max_length=120, unique=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.old_date} → {self.new_date}"


class Pathway(models.TextChoices):
    ACCOMMODATION = "accommodation", "Accommodation"
    ATTITUDES = "attitudes", "Attitudes, thinking and behaviour"
    FAMILY = "family", "Children, families and communities"
    DRUGS_ALCOHOL = "drugs_alcohol", "Drugs and alcohol"
    ETE = "ete", "Education, skills and work"
    FINANCE = "finance", "Finance and ID"
    HEALTH = "health", "Health"


class PathwayStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    SUPPORT_REQUIRED = "support_required", "Support required"
    SUPPORT_NOT_REQUIRED = "support_not_required", "Support not required"
    SUPPORT_DECLINED = "support_declined", "Support declined"
    DONE = "done", "Done"


class RiskOfHarmSection(models.Model):
    """Who may be at risk from the person on release, and what the plan does about it:
    the inspectors' weak spot, required before a screening or a plan is complete."""

    risk_to_whom = models.TextField("Who may be at risk on release", blank=True)
    risk_plan = models.TextField("What the plan does about it", blank=True)

    class Meta:
        abstract = True


class Screening(VersionedRecord, RiskOfHarmSection):
    episode = models.OneToOneField(
        CustodyEpisode, on_delete=models.CASCADE, related_name="screening"
    )
    due_on = models.DateField()
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Screening of {self.episode}"


class PathwayScreening(VersionedRecord):
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="pathways")
    pathway = models.CharField(max_length=20, choices=Pathway.choices)
    status = models.CharField(
        max_length=22, choices=PathwayStatus.choices, default=PathwayStatus.NOT_STARTED
    )
    own_view = models.TextField("The person's own view of their needs", blank=True)
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["screening", "pathway"]
        constraints = [
            models.UniqueConstraint(
                fields=["screening", "pathway"], name="resettlement_one_row_per_pathway"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_pathway_display()}: {self.get_status_display()}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    COMPLETE = "complete", "Complete"


class ResettlementPlan(VersionedRecord, RiskOfHarmSection):
    episode = models.OneToOneField(CustodyEpisode, on_delete=models.CASCADE, related_name="plan")
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    prison_delivers = models.TextField(
        "What the prison delivers", blank=True, help_text="Courses, healthcare, work in custody"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Resettlement plan for {self.episode}"


class ActionOwner(models.TextChoices):
    WORKER = "worker", "Resettlement worker"
    PROVIDER = "provider", "Resettlement provider"
    OFFICER = "officer", "Community officer"
    PRISON = "prison", "The prison"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class PlanAction(VersionedRecord):
    plan = models.ForeignKey(ResettlementPlan, on_delete=models.CASCADE, related_name="actions")
    pathway = models.CharField(max_length=20, choices=Pathway.choices)
    description = models.TextField()
    owner = models.CharField(max_length=10, choices=ActionOwner.choices)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pathway", "due_on", "id"]

    def __str__(self) -> str:
        return self.description[:60]


class PreReleaseReview(models.Model):
    """The plan reviewed 12 weeks before release (due date from rules.py)."""

    episode = models.ForeignKey(
        CustodyEpisode, on_delete=models.CASCADE, related_name="pre_release_reviews"
    )
    due_on = models.DateField()
    held_on = models.DateField()
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Pre-release review of {self.episode} on {self.held_on}"


class ContactMethod(models.TextChoices):
    LETTER = "letter", "Letter"
    PHONE = "phone", "Phone"
    VIDEO = "video", "Video call"
    VISIT = "visit", "Visit in prison"


class PreReleaseContact(models.Model):
    """The community officer's contact before release. The contact itself is a contact
    on the case (cases.Contact); this row says how it was made and for which episode."""

    episode = models.ForeignKey(
        CustodyEpisode, on_delete=models.CASCADE, related_name="pre_release_contacts"
    )
    contact = models.OneToOneField(Contact, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(max_length=10, choices=ContactMethod.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} before release ({self.episode})"


class ReleaseChecklist(VersionedRecord):
    episode = models.OneToOneField(
        CustodyEpisode, on_delete=models.CASCADE, related_name="checklist"
    )
    accommodation_confirmed = models.BooleanField(default=False)
    accommodation_address = models.TextField(blank=True)
    no_fixed_abode_flagged = models.BooleanField("No-fixed-abode risk flagged", default=False)
    no_fixed_abode_notes = models.TextField(blank=True)
    first_appointment = models.ForeignKey(
        Appointment, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    licence_conditions_known = models.BooleanField(default=False)
    handover_to = models.TextField("Community providers handed over to", blank=True)
    handover_notes = models.TextField(blank=True)
    handover_recorded_at = models.DateTimeField(null=True, blank=True)
    handover_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Release checklist for {self.episode}"
