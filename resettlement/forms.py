"""Forms for the Through the Gate pages. They check the shape of the input; the
services decide what is allowed and say why."""

import datetime as dt

from django import forms
from django.utils import timezone

from cases.contacts.forms import TimeField
from cases.form_base import GovukForm, VersionedForm
from crc.forms_adapter import GovukDateField
from resettlement.caseloads import CaseloadFilters
from resettlement.models import (
    ActionOwner,
    ActionStatus,
    ContactMethod,
    Pathway,
    PathwayStatus,
    Prison,
)

RELEASE_WITHIN_CHOICES = [
    ("", "Any time"),
    ("14", "2 weeks"),
    ("42", "6 weeks"),
    ("84", "12 weeks"),
    ("182", "6 months"),
]


class CaseloadFilterForm(forms.Form):
    prison = forms.ModelChoiceField(
        label="Prison", queryset=Prison.objects.filter(active=True), required=False
    )
    release_within = forms.TypedChoiceField(
        label="Release within",
        choices=RELEASE_WITHIN_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    pathway = forms.ChoiceField(
        label="Pathway", choices=[("", "Any pathway"), *Pathway.choices], required=False
    )
    pathway_status = forms.ChoiceField(
        label="Pathway status",
        choices=[("", "Any status"), *PathwayStatus.choices],
        required=False,
    )
    screening_overdue = forms.BooleanField(label="Screening overdue", required=False)

    def filters(self) -> CaseloadFilters:
        data = self.cleaned_data
        return CaseloadFilters(
            prison_id=data["prison"].pk if data.get("prison") else None,
            release_within_days=data.get("release_within"),
            pathway=data.get("pathway") or "",
            pathway_status=data.get("pathway_status") or "",
            screening_overdue=bool(data.get("screening_overdue")),
        )


class PreReleaseContactForm(forms.Form):
    method = forms.ChoiceField(
        label="How was the contact made?",
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose letter, phone, video or visit"},
    )
    date = GovukDateField(
        label="Date of the contact",
        error_messages={
            "required": "Enter the date of the contact",
            "invalid": "Enter a real date, for example 27 3 2027",
        },
    )
    time = TimeField(label="Time", error_messages={"required": "Enter the time of the contact"})
    summary = forms.CharField(
        label="Summary",
        widget=forms.Textarea,
        error_messages={"required": "Write a summary of the contact"},
    )

    def clean(self):
        data = super().clean()
        day, time = data.get("date"), data.get("time")
        if day and time:
            happened = timezone.make_aware(dt.datetime.combine(day, time))
            if happened > timezone.now():
                self.add_error("date", "The contact must have happened already")
            data["happened_at"] = happened
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "method": data["method"],
            "happened_at": data["happened_at"],
            "summary": data["summary"],
        }


# --- Screening and plan -------------------------------------------------------------------


class PathwayScreeningForm(VersionedForm):
    status = forms.ChoiceField(
        label="Status",
        choices=PathwayStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a status"},
    )
    own_view = forms.CharField(
        label="The person's own view of their needs", widget=forms.Textarea, required=False
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)


class RiskOfHarmForm(VersionedForm):
    """Required, not optional: the inspectors' weak spot (issue 11)."""

    risk_to_whom = forms.CharField(
        label="Who may be at risk on release",
        widget=forms.Textarea,
        error_messages={"required": "Say who may be at risk on release"},
    )
    risk_plan = forms.CharField(
        label="What the plan does about it",
        widget=forms.Textarea,
        error_messages={"required": "Say what the plan does about the risk"},
    )


class PlanForm(RiskOfHarmForm):
    prison_delivers = forms.CharField(
        label="What the prison delivers", widget=forms.Textarea, required=False
    )


class PlanActionFields(GovukForm):
    """What an action is, who owns it and when it is due: the same questions when an
    action is added to a plan and when its progress is recorded."""

    description = forms.CharField(
        label="Action", widget=forms.Textarea, error_messages={"required": "Describe the action"}
    )
    owner = forms.ChoiceField(
        label="Who owns it",
        choices=ActionOwner.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who owns the action"},
    )
    due_on = GovukDateField(
        label="Due by",
        required=False,
        error_messages={"invalid": "Enter a real date, for example 27 3 2027"},
    )


class PlanActionForm(PlanActionFields):
    field_order = ["pathway"]

    pathway = forms.ChoiceField(
        label="Pathway",
        choices=[("", "Choose a pathway"), *Pathway.choices],
        error_messages={"required": "Choose a pathway"},
    )


class PlanActionUpdateForm(PlanActionFields, VersionedForm):
    """Progress on one action: its status, and what it is, who owns it, when it is due."""

    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a status"},
    )


# --- Release (resettlement/release_views.py) ----------------------------------------------


class ChecklistForm(VersionedForm):
    """The release checklist: accommodation (or the no-fixed-abode risk flagged) and the
    licence conditions. The first appointment and the handover have their own pages."""

    accommodation_confirmed = forms.BooleanField(
        label="Accommodation on release is confirmed", required=False
    )
    accommodation_address = forms.CharField(
        label="Address they will live at", widget=forms.Textarea, required=False
    )
    no_fixed_abode_flagged = forms.BooleanField(
        label="They will have no fixed abode: flag the risk", required=False
    )
    no_fixed_abode_notes = forms.CharField(
        label="What is being done about having nowhere to live",
        widget=forms.Textarea,
        required=False,
    )
    licence_conditions_known = forms.BooleanField(
        label="The licence conditions are known", required=False
    )


class FirstAppointmentForm(VersionedForm):
    date = GovukDateField(
        label="Date",
        help_text="The day of release or the next working day",
        error_messages={
            "required": "Enter the date of the first appointment",
            "invalid": "Enter a real date, for example 27 3 2027",
        },
    )
    time = TimeField(label="Time", error_messages={"required": "Enter the time"})
    location = forms.CharField(
        label="Where", max_length=200, error_messages={"required": "Enter where it is"}
    )

    def starts_at(self) -> dt.datetime:
        data = self.cleaned_data
        return timezone.make_aware(dt.datetime.combine(data["date"], data["time"]))


class HandoverForm(VersionedForm):
    handover_to = forms.CharField(
        label="Community providers handed over to",
        widget=forms.Textarea,
        error_messages={"required": "Say which community providers took over"},
    )
    handover_notes = forms.CharField(
        label="What was handed over",
        widget=forms.Textarea,
        error_messages={"required": "Say what was handed over"},
    )
