"""Forms for appointments, CRISSA contacts, absences, enforcement and significant change.

They validate input shape only; the services decide what is allowed (and say why)."""

import datetime as dt
import re

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from cases.form_base import optional_choice, optional_text, radios, required_date, required_text
from cases.models import (
    AttendanceOutcome,
    ContactType,
    EnforcementKind,
    SignificantChangeCategory,
    TaskKind,
)
from crc.access import roles

Staff = get_user_model()

TIME_PATTERN = re.compile(r"^\s*([01]?\d|2[0-3])[:.]([0-5]\d)\s*$")


class TimeField(forms.CharField):
    """A 24-hour time typed as 14:30 (GOV.UK asks for times as text, not a picker)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 5)
        kwargs.setdefault("help_text", "Use the 24-hour clock, for example 14:30")
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        match = TIME_PATTERN.match(value)
        if not match:
            raise forms.ValidationError("Enter a time like 09:30 or 14:30")
        return dt.time(int(match.group(1)), int(match.group(2)))


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


CONTACT_TYPE_CHOICES = [("", "Choose a type"), *ContactType.choices]


class AppointmentForm(forms.Form):
    contact_type = forms.ChoiceField(
        label="Type of appointment",
        choices=CONTACT_TYPE_CHOICES,
        error_messages={"required": "Choose the type of appointment"},
    )
    date = required_date(
        "Date", "Enter the date of the appointment", help_text="For example, 27 3 2027"
    )
    time = TimeField(label="Time", error_messages={"required": "Enter the time of the appointment"})
    location = forms.CharField(
        label="Location",
        max_length=200,
        required=False,
        help_text="For example, the office, the person's home address, or a video link",
    )
    with_staff = forms.ModelChoiceField(
        label="With whom",
        queryset=Staff.objects.none(),
        required=False,
        empty_label="The responsible officer",
        help_text="Who will see the person",
    )
    notes = optional_text("Notes")

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        # The case's team and anyone holding the case: the people who could see them.
        self.fields["with_staff"].queryset = (
            Staff.objects.filter(is_active=True)
            .filter(Q(team_id=case.team_id) | Q(pk=case.responsible_officer_id))
            .filter(role__in=roles.CASE_HOLDERS)
            .order_by("last_name", "first_name")
        )
        self.fields["with_staff"].label_from_instance = lambda s: s.get_full_name() or s.username

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "contact_type": data["contact_type"],
            "starts_at": _aware(data["date"], data["time"]),
            "location": data["location"],
            "with_staff": data["with_staff"],
            "notes": data["notes"],
        }


# The six CRISSA sections, with what each is for (DOMAIN.md §4).
CRISSA = [
    ("check_in", "Check in", "How the person is today, and any change in their circumstances"),
    ("review", "Review", "Progress on the tasks set last time"),
    ("implement", "Implement", "The work done in this session"),
    ("summary", "Summary", "What the session achieved and anything of concern"),
    ("set_tasks", "Set tasks", "What the person (and you) will do before next time"),
    ("attendance", "Attendance", "The next appointment, and anything agreed about it"),
]

# Every outcome as one flat question. (GOV.UK's conditional reveal on radios sets
# aria-expanded on the radio input, which axe reports as critical - govuk-frontend
# issue #979 - so the absence details sit in their own section below instead.)
OUTCOME_CHOICES = [
    (AttendanceOutcome.ATTENDED_COMPLIED.value, "Attended and complied"),
    (AttendanceOutcome.ATTENDED_FAILED.value, "Attended, failed to comply"),
    (AttendanceOutcome.UNACCEPTABLE_ABSENCE.value, "Did not attend: unacceptable absence"),
    (AttendanceOutcome.ACCEPTABLE_ABSENCE.value, "Did not attend: acceptable absence"),
    (
        AttendanceOutcome.ABSENCE_TO_DECIDE.value,
        "Did not attend: acceptability to be decided (within 2 working days)",
    ),
    (AttendanceOutcome.RESCHEDULED.value, "Rescheduled"),
    (AttendanceOutcome.NOT_APPLICABLE.value, "Not an appointment (for example, they phoned in)"),
]


class ContactWhenFields(forms.Form):
    """When a contact happened, asked the same way wherever one is recorded (here and
    the pre-release contact of Through the Gate)."""

    date = required_date("Date of the contact", "Enter the date of the contact")
    time = TimeField(label="Time", error_messages={"required": "Enter the time of the contact"})

    def happened_at(self) -> dt.datetime:
        """The date and time given, in London time (call once both are valid)."""
        return _aware(self.cleaned_data["date"], self.cleaned_data["time"])


class ContactForm(ContactWhenFields):
    field_order = ["contact_type", "date", "time"]

    contact_type = forms.ChoiceField(
        label="Type of contact",
        choices=CONTACT_TYPE_CHOICES,
        error_messages={"required": "Choose the type of contact"},
    )
    check_in = optional_text("Check in")
    review = optional_text("Review")
    implement = optional_text("Implement")
    summary = optional_text("Summary")
    set_tasks = optional_text("Set tasks")
    attendance = optional_text("Attendance")
    sensitive = forms.BooleanField(
        label="This contact is sensitive",
        required=False,
        help_text="Its text is hidden until someone chooses to show it",
    )
    outcome = radios("What happened?", OUTCOME_CHOICES, "Choose what happened")
    absence_reason = optional_text("Reason given for the absence")
    absence_evidence = optional_text(
        "Evidence", "For example, a fit note, a hospital letter, or a call to the employer"
    )
    significant_change = forms.BooleanField(
        label="This contact reveals a significant change in circumstances",
        required=False,
        help_text="A review will be due within 10 working days and your SPO is told",
    )
    change_category = optional_choice(
        "What kind of change?", "Choose a kind", SignificantChangeCategory.choices
    )
    change_description = optional_text("Describe the change")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, _, hint in CRISSA:
            self.fields[name].help_text = hint

    def clean(self):
        data = super().clean()
        if data.get("significant_change"):
            if not data.get("change_category"):
                self.add_error("change_category", "Choose the kind of change")
            if not (data.get("change_description") or "").strip():
                self.add_error("change_description", "Describe the change")
        if data.get("date") and data.get("time"):
            when = self.happened_at()
            if when > timezone.now() + dt.timedelta(minutes=10):
                self.add_error("date", "The contact cannot be in the future")
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        change = None
        if data["significant_change"]:
            change = {
                "category": data["change_category"],
                "description": data["change_description"],
            }
        return {
            "contact_type": data["contact_type"],
            "happened_at": self.happened_at(),
            "outcome": data["outcome"],
            "crissa": {name: data[name] for name, _, _ in CRISSA},
            "sensitive": data["sensitive"],
            "absence_reason": data["absence_reason"],
            "absence_evidence": data["absence_evidence"],
            "significant_change": change,
        }


class AbsenceDecideForm(forms.Form):
    acceptable = radios(
        "Was the absence acceptable?",
        [("yes", "Yes, it was acceptable"), ("no", "No: it is a failure to comply")],
        "Say whether the absence was acceptable",
    )
    reason = optional_text("Reason given for the absence")
    evidence = optional_text("Evidence", "Needed for an acceptable absence")


ENFORCEMENT_HINTS = {
    EnforcementKind.WARNING: "The service centre sends a warning letter within 2 working days",
    EnforcementKind.BREACH: (
        "Return to court. The service centre prepares the breach pack within 10 working "
        "days and your SPO is told"
    ),
    EnforcementKind.RECALL: (
        "The service centre prepares the recall report within 10 working days and your SPO is told"
    ),
    EnforcementKind.NO_ACTION: "Record your professional judgement. Your SPO is told",
}


class EnforcementForm(forms.Form):
    kind = radios("Your decision", missing="Choose a decision")
    justification = optional_text(
        "Your professional judgement (if not enforcing)",
        "Needed when you decide not to enforce: why that is right for this failure",
    )

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(EnforcementKind.choices)
        self.fields["kind"].choices = [(value.value, labels[value.value]) for value in options]

    def clean(self):
        data = super().clean()
        if (
            data.get("kind") == EnforcementKind.NO_ACTION
            and not (data.get("justification") or "").strip()
        ):
            self.add_error(
                "justification", "Record the professional judgement behind not enforcing"
            )
        return data


class SignificantChangeForm(forms.Form):
    category = forms.ChoiceField(
        label="What kind of change?",
        choices=[("", "Choose a kind"), *SignificantChangeCategory.choices],
        error_messages={"required": "Choose the kind of change"},
    )
    description = required_text("Describe the change", "Describe the change")
    occurred_on = required_date(
        "When did it happen?", "Enter the date it happened", help_text="For example, 27 3 2027"
    )


class TaskFilterForm(forms.Form):
    kind = optional_choice("Kind of task", "All kinds", TaskKind.choices)
