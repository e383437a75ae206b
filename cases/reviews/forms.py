"""Forms for reviews and oversight. They validate the input; the services check the
state (version, repeated sections, the Grid) and raise DomainError onto the form."""

from django import forms

from cases import timeline
from cases.form_base import GovukForm
from cases.reviews import rules

SECTION_LABELS = {
    "compliance_and_engagement": "Compliance and engagement",
    "desistance_progress": "Progress towards desistance",
    "risk_of_harm_change": "Change in risk of harm",
    "persons_involvement": "The person's involvement in the review",
    "other_agencies": "Information from other agencies",
}
SECTION_HINTS = {
    "compliance_and_engagement": "Attendance, failures to comply and how the person engages",
    "desistance_progress": "What has changed in their life and their plan since the last review",
    "risk_of_harm_change": "Has the risk of harm changed? Why, or why not, given what changed",
    "persons_involvement": "How the person took part and what they said",
    "other_agencies": "What the police, social care and partners told you",
}
CONFIRM_LABEL = "Nothing changed in this area despite the events above, because…"


class ReviewForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, repeated: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.repeated = list(repeated)
        fields = {"version": self.fields["version"]}
        for name in rules.SECTIONS:
            fields[name] = forms.CharField(
                label=SECTION_LABELS[name],
                help_text=SECTION_HINTS[name],
                widget=forms.Textarea(attrs={"rows": 4}),
                max_length=10_000,
                error_messages={"required": f"Enter {SECTION_LABELS[name].lower()}"},
            )
            if name in self.repeated:
                fields[f"{name}_unchanged"] = forms.BooleanField(
                    label=CONFIRM_LABEL, required=False
                )
                fields[f"{name}_reason"] = forms.CharField(
                    label="Why nothing changed in this area",
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    max_length=2000,
                )
        fields["reapply_grid"] = forms.BooleanField(
            label="Re-apply the Grid to set the contact level", required=False, initial=True
        )
        self.fields = fields

    def clean(self):
        cleaned = super().clean()
        for name in self.repeated:
            if not cleaned.get(f"{name}_unchanged"):
                self.add_error(
                    f"{name}_unchanged",
                    f"{SECTION_LABELS[name]} is the same as the last review: change it, or "
                    "confirm nothing changed in this area and say why",
                )
            elif not (cleaned.get(f"{name}_reason") or "").strip():
                self.add_error(f"{name}_reason", "Say why nothing changed in this area")
        return cleaned

    def sections(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in rules.SECTIONS}

    def unchanged_reasons(self) -> dict[str, str]:
        return {
            name: self.cleaned_data.get(f"{name}_reason", "")
            for name in self.repeated
            if self.cleaned_data.get(f"{name}_unchanged")
        }


class OversightForm(GovukForm):
    text = forms.CharField(
        label="Management oversight",
        help_text="What you checked, what you agree with, and what the officer must do next",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        error_messages={"required": "Enter the oversight note"},
    )


class CountersignForm(GovukForm):
    text = forms.CharField(
        label="What you checked before countersigning",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Say what you checked before countersigning"},
    )


class TimelineFilterForm(forms.Form):
    """The timeline's kinds filter: one checkbox per registered source, in order.
    Nothing chosen, or a kind that is not registered, shows every kind."""

    kind = forms.MultipleChoiceField(
        label="Show",
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read at each request: sources register at start-up, tests add their own.
        self.fields["kind"].choices = timeline.kind_choices()

    def kinds(self) -> set[str]:
        every = {kind for kind, _label in self.fields["kind"].choices}
        chosen = set(self.cleaned_data.get("kind") or []) if self.is_valid() else set()
        return chosen or every
