"""Forms for the Through the Gate pages. They check the shape of the input; the
services decide what is allowed and say why."""

import datetime as dt

from django import forms
from django.utils import timezone

from cases.contacts.forms import ContactWhenFields, TimeField
from cases.form_base import (
    GovukForm,
    VersionedForm,
    optional_choice,
    optional_text,
    radios,
    required_date,
    required_text,
)
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
    pathway = optional_choice("Pathway", "Any pathway", Pathway.choices)
    pathway_status = optional_choice("Pathway status", "Any status", PathwayStatus.choices)
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


class PreReleaseContactForm(ContactWhenFields):
    field_order = ["method", "date", "time"]

    method = radios(
        "How was the contact made?", ContactMethod.choices, "Choose letter, phone, video or visit"
    )
    summary = required_text("Summary", "Write a summary of the contact")

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time"):
            happened = self.happened_at()
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
    status = radios("Status", PathwayStatus.choices, "Choose a status")
    own_view = optional_text("The person's own view of their needs")
    notes = optional_text("Notes")


class RiskOfHarmForm(VersionedForm):
    """Required, not optional: the inspectors' weak spot (issue 11)."""

    risk_to_whom = required_text(
        "Who may be at risk on release", "Say who may be at risk on release"
    )
    risk_plan = required_text(
        "What the plan does about it", "Say what the plan does about the risk"
    )


class PlanForm(RiskOfHarmForm):
    prison_delivers = optional_text("What the prison delivers")


class PlanActionFields(GovukForm):
    """What an action is, who owns it and when it is due: the same questions when an
    action is added to a plan and when its progress is recorded."""

    description = required_text("Action", "Describe the action")
    owner = radios("Who owns it", ActionOwner.choices, "Choose who owns the action")
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

    status = radios("Status", ActionStatus.choices, "Choose a status")


# --- Release (resettlement/release_views.py) ----------------------------------------------


class ChecklistForm(VersionedForm):
    """The release checklist: accommodation (or the no-fixed-abode risk flagged) and the
    licence conditions. The first appointment and the handover have their own pages."""

    accommodation_confirmed = forms.BooleanField(
        label="Accommodation on release is confirmed", required=False
    )
    accommodation_address = optional_text("Address they will live at")
    no_fixed_abode_flagged = forms.BooleanField(
        label="They will have no fixed abode: flag the risk", required=False
    )
    no_fixed_abode_notes = optional_text("What is being done about having nowhere to live")
    licence_conditions_known = forms.BooleanField(
        label="The licence conditions are known", required=False
    )


class FirstAppointmentForm(VersionedForm):
    date = required_date(
        "Date",
        "Enter the date of the first appointment",
        help_text="The day of release or the next working day",
    )
    time = TimeField(label="Time", error_messages={"required": "Enter the time"})
    location = forms.CharField(
        label="Where", max_length=200, error_messages={"required": "Enter where it is"}
    )

    def starts_at(self) -> dt.datetime:
        data = self.cleaned_data
        return timezone.make_aware(dt.datetime.combine(data["date"], data["time"]))


class HandoverForm(VersionedForm):
    handover_to = required_text(
        "Community providers handed over to", "Say which community providers took over"
    )
    handover_notes = required_text("What was handed over", "Say what was handed over")
