"""Forms for risk, registrations, needs, the contact level and escalation."""

from decimal import Decimal

from django import forms

from cases.form_base import (
    GovukForm,
    VersionedForm,
    not_in_future,
    optional_text,
    radios,
    reason_text,
    required_error,
    textarea,
    whole_number,
)
from cases.models import Case, NeedArea, NeedSeverity, RegistrationType, RoshLevel, Sex
from crc.forms_adapter import GovukDateField

# --- Risk, registrations, needs --------------------------------------------------------


ROSH_CHOICES = [("", "Not assessed"), *RoshLevel.choices]
ROSH_GROUP_FIELDS = ("rosh_children", "rosh_public", "rosh_known_adult", "rosh_staff")
WOMEN_FACTOR_FIELDS = (
    "parenting_responsibilities",
    "poor_self_control",
    "breach_or_recall_last_12_months",
)


def _rosh_field(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=ROSH_CHOICES, widget=forms.RadioSelect, required=False
    )


class RiskForm(VersionedForm):
    rosh_overall = _rosh_field("Overall risk of serious harm")
    rosh_children = _rosh_field("Risk to children")
    rosh_public = _rosh_field("Risk to the public")
    rosh_known_adult = _rosh_field("Risk to a known adult")
    rosh_staff = _rosh_field("Risk to staff")
    rosh_assessed_on = GovukDateField(
        label="Date RoSH was assessed",
        help_text="For example, 27 3 2026",
        required=False,
        error_messages={"invalid": "Date RoSH was assessed must be a real date, like 27 3 2026"},
    )
    ogrs_score = forms.IntegerField(
        label="OGRS score (optional)",
        help_text="A whole number from 0 to 99",
        min_value=0,
        max_value=99,
        required=False,
        error_messages={
            "invalid": "OGRS score must be a whole number",
            "min_value": "OGRS score must be between 0 and 99",
            "max_value": "OGRS score must be between 0 and 99",
        },
    )
    rsr_score = forms.DecimalField(
        label="RSR score, % (optional)",
        help_text="From 0 to 100, up to 2 decimal places, for example 3.75",
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        required=False,
        error_messages={
            "invalid": "RSR score must be a number, like 3.75",
            "min_value": "RSR score must be between 0 and 100",
            "max_value": "RSR score must be between 0 and 100",
            "max_decimal_places": "RSR score can have up to 2 decimal places",
            "max_digits": "RSR score must be between 0 and 100",
            "max_whole_digits": "RSR score must be between 0 and 100",
        },
    )
    mappa_category = forms.TypedChoiceField(
        label="MAPPA category",
        choices=[("", "Not MAPPA"), *((str(n), f"Category {n}") for n in range(1, 5))],
        coerce=int,
        empty_value=None,
        required=False,
    )
    mappa_level = forms.TypedChoiceField(
        label="MAPPA level",
        choices=[("", "Not MAPPA"), *((str(n), f"Level {n}") for n in range(1, 4))],
        coerce=int,
        empty_value=None,
        required=False,
    )
    iom_nominal = forms.BooleanField(
        label="The person is an integrated offender management (IOM) nominal", required=False
    )
    parenting_responsibilities = forms.BooleanField(
        label="Parenting responsibilities", required=False
    )
    poor_self_control = forms.BooleanField(label="Poor self-control", required=False)
    breach_or_recall_last_12_months = forms.BooleanField(
        label="Breach or recall in the last 12 months", required=False
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        # The women's factors count only for women (tier protect points): for anyone else
        # they are not asked, and what is stored is left as it is.
        if case.sex != Sex.FEMALE:
            for name in WOMEN_FACTOR_FIELDS:
                del self.fields[name]

    @classmethod
    def initial_for(cls, case: Case) -> dict:
        from cases.risk.services import RISK_FIELDS

        return {name: getattr(case, name) for name in RISK_FIELDS}

    @property
    def asks_women_factors(self) -> bool:
        return WOMEN_FACTOR_FIELDS[0] in self.fields

    def clean_rosh_assessed_on(self):
        value = self.cleaned_data["rosh_assessed_on"]
        not_in_future(value, "The date RoSH was assessed")
        return value

    def clean(self):
        cleaned = super().clean()
        dated = cleaned.get("rosh_assessed_on") or "rosh_assessed_on" in self.errors
        if cleaned.get("rosh_overall") and not dated:
            self.add_error("rosh_assessed_on", "Enter the date RoSH was assessed")
        has_category = cleaned.get("mappa_category") is not None
        has_level = cleaned.get("mappa_level") is not None
        if has_level and not has_category:
            self.add_error("mappa_category", "Select the MAPPA category for this level")
        if has_category and not has_level:
            self.add_error("mappa_level", "Select the MAPPA level for this category")
        return cleaned


class RegistrationForm(GovukForm):
    registration_type = forms.ChoiceField(
        label="Registration",
        error_messages={
            "required": "Select the registration",
            "invalid_choice": "Select a registration that is not already active on the case",
        },
    )
    registered_on = GovukDateField(
        label="Date registered",
        help_text="For example, 27 3 2026",
        error_messages={
            "required": "Enter the date registered",
            "invalid": "Date registered must be a real date, like 27 3 2026",
        },
    )
    notes = forms.CharField(label="Notes (optional)", required=False, widget=textarea(4))

    def __init__(self, *args, active_types: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        # An active registration is reviewed or ended from the risk page, not added again.
        self.fields["registration_type"].choices = [
            ("", "Choose a registration"),
            *(
                (value, label)
                for value, label in RegistrationType.choices
                if value not in active_types
            ),
        ]

    def clean_registered_on(self):
        value = self.cleaned_data["registered_on"]
        not_in_future(value, "The date registered")
        return value


class RegistrationEndForm(VersionedForm):
    reason = reason_text(
        "Why is this registration ending?",
        "Enter why the registration is ending",
        rows=4,
    )


class NeedsForm(VersionedForm):
    """One radio group per criminogenic need, then strengths and protective factors."""

    strengths = optional_text(
        "Strengths and protective factors",
        "What helps the person stop offending: family, work, faith, motivation",
        rows=5,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        needs = {
            f"need_{area.value}": radios(
                area.label,
                NeedSeverity.choices,
                f"Select a severity for {area.label.lower()}",
            )
            for area in NeedArea
        }
        # Needs first, strengths last, in the order of the assessment.
        self.fields = {
            **needs,
            "strengths": self.fields["strengths"],
            "version": self.fields["version"],
        }

    @classmethod
    def initial_for(cls, case: Case, needs) -> dict:
        initial = {f"need_{row.need}": row.severity for row in needs}
        initial["strengths"] = case.strengths
        return initial

    def need_fields(self):
        return [self[f"need_{area.value}"] for area in NeedArea]

    def needs(self) -> dict[str, str]:
        return {area.value: self.cleaned_data[f"need_{area.value}"] for area in NeedArea}


# --- Contact level and escalation ----------------------------------------------------


CONTACT_PERIODS = [
    (7, "Weekly"),
    (14, "Fortnightly"),
    (28, "Every 4 weeks"),
    (42, "Every 6 weeks"),
]


class ContactLevelForm(VersionedForm):
    contacts = whole_number(
        "Contacts in each period",
        "Contacts",
        1,
        14,
        error_messages=required_error("Enter how many contacts in each period"),
    )
    period_days = forms.TypedChoiceField(
        label="How often",
        choices=[(str(days), label) for days, label in CONTACT_PERIODS],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=required_error("Select how often"),
    )
    face_to_face = whole_number(
        "How many of them must be face to face",
        "Face-to-face contacts",
        0,
        14,
        error_messages=required_error("Enter how many contacts must be face to face"),
    )
    reason = reason_text(
        "Why are you changing the contact level?",
        "Enter why you are changing the contact level",
        rows=4,
    )

    def clean(self):
        cleaned = super().clean()
        contacts, f2f = cleaned.get("contacts"), cleaned.get("face_to_face")
        if contacts is not None and f2f is not None and f2f > contacts:
            self.add_error(
                "face_to_face",
                "Face-to-face contacts cannot be more than the contacts in the period",
            )
        return cleaned


class ContactLevelDecisionForm(VersionedForm):
    decision = radios(
        "Your decision",
        [("approve", "Approve the reduction"), ("decline", "Decline")],
        error_messages={
            "required": "Select approve or decline",
            "invalid_choice": "Select approve or decline",
        },
    )
    note = forms.CharField(
        label="Your note (needed to decline)", required=False, widget=textarea(3), max_length=2000
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not cleaned.get("note", "").strip():
            self.add_error("note", "Say why the reduction is declined")
        return cleaned


class EscalationRaiseForm(GovukForm):
    reasons = reason_text(
        "Why must this case be referred to the NPS?",
        "Enter why the case must be escalated",
        rows=5,
        help_text=(
            "For example, new information about risk to a child. The CRC keeps "
            "supervising the case until the NPS accepts it."
        ),
    )


class EscalationProgressForm(VersionedForm):
    to_status = radios(
        "What has happened?",
        error_messages={
            "required": "Select what has happened",
            "invalid_choice": "Select one of the options shown",
        },
    )
    note = forms.CharField(
        label="Note",
        help_text="Needed when an escalation is closed without a referral",
        required=False,
        widget=textarea(4),
        max_length=2000,
    )

    def __init__(self, *args, allowed: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = allowed
