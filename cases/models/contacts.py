"""Supervision (DOMAIN.md §4), contacts: appointments, CRISSA contacts and
enforcement."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from cases.models.record import Case


class ContactType(models.TextChoices):
    OFFICE = "office", "Office visit"
    HOME_VISIT = "home_visit", "Home visit"
    TELEPHONE = "telephone", "Telephone"
    VIDEO = "video", "Video call"
    UNPAID_WORK = "unpaid_work", "Unpaid work session"
    PROGRAMME = "programme", "Programme session"
    THIRD_PARTY = "third_party", "Third-party contact (police, social care, partner)"
    # Through the Gate (issue 11): the community officer's contact before release.
    LETTER = "letter", "Letter"
    PRISON_VISIT = "prison_visit", "Visit in prison"


FACE_TO_FACE_CONTACT_TYPES = frozenset(
    {
        ContactType.OFFICE,
        ContactType.HOME_VISIT,
        ContactType.UNPAID_WORK,
        ContactType.PROGRAMME,
        ContactType.PRISON_VISIT,
    }
)
# Contact with the person (counts towards the Grid); third-party contact and a letter
# (one way) do not.
CONTACT_WITH_PERSON_TYPES = frozenset(
    set(ContactType) - {ContactType.THIRD_PARTY, ContactType.LETTER}
)


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
        indexes = [
            models.Index(fields=["with_staff", "status", "starts_at"]),
            # Booked appointments by start (the dashboards' "awaiting an outcome": those
            # already begun), a tenth of all appointments (issue 14).
            models.Index(
                fields=["starts_at"],
                condition=models.Q(status=AppointmentStatus.BOOKED),
                name="appointment_booked_idx",
            ),
        ]

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
        indexes = [
            models.Index(fields=["case", "happened_at"]),
            # Absences whose acceptability is still to decide (nightly reminders): a
            # handful of rows among millions of contacts.
            models.Index(
                fields=["acceptability_due_on"],
                condition=models.Q(acceptability_decided_at__isnull=True),
                name="contact_absence_due_idx",
            ),
        ]

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
