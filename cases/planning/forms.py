"""Forms for the assessment, information requests and the sentence plan.

Plain forms (see cases/form_base.py for why not ModelForms). Versioned records carry
the version the page was read at in a hidden field; the service compares it.
"""

from django import forms

from cases.form_base import GovukForm, optional_choice, optional_text, radios, required_text
from cases.models import Agency, Assessment, NeedArea, SentencePlan
from cases.planning.services import ASSESSMENT_FIELDS, PLAN_FIELDS
from crc.forms_adapter import GovukDateField
from crc.organisation.models import PartnerOrganisation

ASSESSMENT_HINTS = {
    "offending_analysis": "What led to the offending, patterns, and the factors linked to it.",
    "victims": "Who has been harmed or could be: named people, children, partners, the public.",
    "risk_of_harm_analysis": (
        "Nature of the harm, who to, when it is most likely, and what makes it more or less "
        "likely. Needed before the assessment can be completed."
    ),
    "diversity_and_circumstances": (
        "Anything that affects engagement or compliance: health, disability, language, "
        "caring, faith, work."
    ),
    "readiness_and_motivation": "How ready the person is to change, in their words and yours.",
    "strengths": "Protective factors and strengths the plan can build on.",
    "own_view": "What the person said in the self-assessment questionnaire.",
    "other_agencies": (
        "What the police, children's social care and others told you, with the date and who "
        "said it."
    ),
}


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        # The column it is compared with holds a 32-bit integer; a forged version past it
        # is refused like a missing one.
        kwargs.setdefault("max_value", 2**31 - 1)
        kwargs.setdefault(
            "error_messages",
            {
                "required": "Reload the page and try again (no version was sent)",
                "max_value": "Reload the page and try again (the version sent is not one we sent)",
            },
        )
        super().__init__(**kwargs)


class AssessmentForm(GovukForm):
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ASSESSMENT_FIELDS:
            self.fields[name] = optional_text(
                Assessment._meta.get_field(name).verbose_name.capitalize(),
                ASSESSMENT_HINTS[name],
                rows=6 if name in ("risk_of_harm_analysis", "other_agencies") else 4,
            )

    @staticmethod
    def initial_for(assessment: Assessment | None) -> dict:
        if assessment is None:
            return {"version": 0}
        return {"version": assessment.version} | {
            name: getattr(assessment, name) for name in ASSESSMENT_FIELDS
        }

    def sections(self) -> dict:
        return {name: self.cleaned_data[name] for name in ASSESSMENT_FIELDS}


class VersionOnlyForm(GovukForm):
    """A button that acts on a versioned record (complete, bring answers in)."""

    version = VersionField()


class PartnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class InformationRequestForm(GovukForm):
    agency = radios(
        "Which agency are you asking?", Agency.choices, "Choose the agency you are asking"
    )
    partner_organisation = PartnerChoiceField(
        label="Organisation (optional)",
        help_text="Choose one to let them answer through the partner system.",
        queryset=PartnerOrganisation.objects.none(),
        required=False,
        empty_label="Not through the partner system",
    )
    question = required_text("What do you need to know?", "Say what you need to know", rows=5)

    def __init__(self, *args, agency: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only active partners of the agency being asked; without a known agency both
        # kinds are offered and clean() checks the pair.
        types = [agency] if agency in Agency.values else Agency.values
        self.fields["partner_organisation"].queryset = PartnerOrganisation.objects.filter(
            partner_type__in=types, active=True
        ).order_by("name")

    def clean(self):
        cleaned = super().clean()
        partner, agency = cleaned.get("partner_organisation"), cleaned.get("agency")
        if partner is not None and agency and partner.partner_type != agency:
            self.add_error(
                "partner_organisation", "Choose an organisation of the agency you are asking"
            )
        return cleaned


class InformationAnswerForm(GovukForm):
    answer = required_text(
        "What did they tell you?",
        "Enter the answer",
        rows=6,
        help_text="Include who told you and how (phone, email, meeting).",
    )


class InformationWithdrawForm(GovukForm):
    reason = required_text("Why is the request withdrawn?", "Say why the request is withdrawn")


class PlanForm(GovukForm):
    version = VersionField()
    person_took_part = forms.BooleanField(
        label="The person took part in making the plan", required=False
    )
    own_words = optional_text(
        "The person's own words about the plan",
        "What they want to achieve and how, in their words.",
    )
    constructive_measures = optional_text(
        "Constructive measures",
        "Work that reduces risk: programmes, support, protective relationships.",
    )
    restrictive_measures = optional_text(
        "Restrictive measures",
        "Licence conditions, exclusion zones, curfews, non-contact requirements.",
    )
    contingency_plan = optional_text(
        "Contingency plan",
        "What you will do if risk rises, beyond recall or more reporting.",
    )
    agency_links = optional_text(
        "Links with other agencies",
        "Who else is involved in managing risk (police, social care, MARAC) and how.",
    )

    @staticmethod
    def initial_for(plan: SentencePlan | None) -> dict:
        if plan is None:
            return {"version": 0}
        return {"version": plan.version} | {name: getattr(plan, name) for name in PLAN_FIELDS}

    def plan_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in PLAN_FIELDS}


class ObjectiveForm(GovukForm):
    description = required_text(
        "Objective",
        "Describe the objective",
        help_text="What will be different, in words the person understands.",
    )
    addresses_risk_of_harm = forms.BooleanField(
        label="This objective addresses risk of harm", required=False
    )
    need = optional_choice(
        "Need it addresses", "None (it addresses risk of harm only)", NeedArea.choices
    )


class ActionForm(GovukForm):
    objective = forms.ModelChoiceField(
        label="Objective",
        queryset=None,
        empty_label=None,
        error_messages={
            "required": "Choose the objective",
            "invalid_choice": "Choose the objective",
        },
    )
    description = required_text("Action", "Describe the action")
    owner = forms.CharField(
        label="Who does it",
        help_text="The person, you, or an agency.",
        max_length=120,
        error_messages={"required": "Say who does it"},
    )
    due_on = GovukDateField(label="Due by (optional)", required=False)

    def __init__(self, *args, objectives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = objectives
