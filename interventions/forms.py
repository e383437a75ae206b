"""The interventions forms: the officer's referral, plan approval and withdrawal; the
provider caseworker's appointment, action plan and session feedback. They validate the
input alone; the services decide what the referral's state allows. Every form that
edits an existing record is a VersionedForm (crc.stale)."""

import datetime as dt

from django import forms
from django.utils import timezone

from cases.contacts.forms import TimeField
from cases.form_base import (
    GovukForm,
    VersionedForm,
    VersionOnlyForm,
    optional_choice,
    optional_text,
    radios,
    reason_text,
    required_text,
)
from crc.forms_adapter import GovukDateField
from interventions.models import Attendance, InterventionKind


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


class DirectorySearchForm(GovukForm):
    query = forms.CharField(label="Search by name or description", required=False)
    kind = optional_choice("Kind of service", "All kinds", InterventionKind.choices)


class ReferralForm(GovukForm):
    """One Referral: the plan objectives it serves (each becomes a desired outcome),
    any further outcomes, why, and whether the full risk analysis is shared."""

    objectives = forms.MultipleChoiceField(
        label="Plan objectives this referral serves",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Each objective you tick becomes a desired outcome",
    )
    other_outcomes = optional_text(
        "Other desired outcomes (optional)", help_text="One outcome a line", rows=3
    )
    reason = reason_text("Why this referral", "Say why you are making this referral", rows=5)
    share_full_risk = radios(
        "Risk information to share with the provider",
        [
            ("no", "The redacted provider view: RoSH levels and the risk to staff"),
            ("yes", "The full risk of harm analysis as well"),
        ],
        initial="no",
    )

    def __init__(self, *args, objectives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.objective_rows = {str(o.pk): o for o in objectives}
        self.fields["objectives"].choices = [(str(o.pk), o.description) for o in objectives]

    def clean(self):
        data = super().clean()
        if not data.get("objectives") and not (data.get("other_outcomes") or "").strip():
            self.add_error("objectives", "Tick a plan objective or write a desired outcome")
        return data

    def desired_outcomes(self) -> list[dict]:
        data = self.cleaned_data
        chosen = [self.objective_rows[pk] for pk in data["objectives"]]
        outcomes = [{"description": o.description, "objective": o} for o in chosen]
        for line in data["other_outcomes"].splitlines():
            if line.strip():
                outcomes.append({"description": line.strip(), "objective": None})
        return outcomes


class ApprovePlanForm(VersionOnlyForm):
    """The officer approves the plan version they read (ActionPlan.version)."""


class WithdrawForm(VersionedForm):
    withdrawal_reason = reason_text(
        "Why is the referral withdrawn?", "Say why the referral is withdrawn"
    )


class AppointmentForm(VersionedForm):
    date = GovukDateField(
        label="Date", error_messages={"required": "Enter the date of the initial assessment"}
    )
    time = TimeField(label="Time", error_messages={"required": "Enter the time"})
    location = forms.CharField(label="Where (optional)", required=False, max_length=200)

    def starts_at(self) -> dt.datetime:
        return _aware(self.cleaned_data["date"], self.cleaned_data["time"])


class ActionPlanForm(VersionedForm):
    activities = required_text(
        "Activities", "Add at least one activity", rows=5, help_text="One activity a line"
    )
    number_of_sessions = forms.IntegerField(
        label="Number of sessions",
        min_value=1,
        max_value=200,
        error_messages={
            "required": "Enter the number of sessions",
            "invalid": "Enter the number of sessions as a whole number",
            "min_value": "The number of sessions must be at least 1",
            "max_value": "The number of sessions must be 200 or fewer",
        },
    )

    def activity_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["activities"].splitlines()]

    def plan_version(self) -> int | None:
        sent = self.version_sent()
        return int(sent) if sent and sent.isdigit() else None


YES_NO = [("yes", "Yes"), ("no", "No"), ("unknown", "Not known yet")]


class SessionForm(VersionedForm):
    """Attendance and feedback for a session (or the booked initial assessment)."""

    date = GovukDateField(label="Date", error_messages={"required": "Enter the date"})
    time = TimeField(label="Time", error_messages={"required": "Enter the time"})
    attendance = radios(
        "Did the person attend?", Attendance.choices, "Say whether the person attended"
    )
    summary = optional_text("Summary of the session", rows=4)
    response = optional_text("How did the person respond? (optional)", rows=3)
    behaviour = optional_text("Behaviour (optional)", rows=3)
    concerns = optional_text(
        "Concerns for the probation officer (optional)",
        help_text="The probation officer is told of anything you write here",
        rows=3,
    )
    absence_acceptable = radios(
        "If they did not attend, was the absence acceptable?", YES_NO, required=False
    )
    absence_reason = optional_text("Reason for the absence (optional)", rows=2)

    def clean(self):
        data = super().clean()
        if data.get("attendance") in ("yes", "late") and not data.get("summary", "").strip():
            self.add_error("summary", "Write a summary of the session")
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        acceptable = {"yes": True, "no": False}.get(data.get("absence_acceptable") or "")
        return {
            "starts_at": _aware(data["date"], data["time"]),
            "attendance": data["attendance"],
            "summary": data["summary"],
            "response": data["response"],
            "behaviour": data["behaviour"],
            "concerns": data["concerns"],
            "absence_acceptable": acceptable,
            "absence_reason": data["absence_reason"],
        }
