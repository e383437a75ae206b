"""Forms for the person, their orders and requirements, and a new case
(cases/form_base.py says how these forms work)."""

import datetime as dt

from django import forms
from django.utils import timezone

from cases.form_base import (
    NOT_RECORDED,
    GovukForm,
    VersionedForm,
    not_in_future,
    optional_text,
    radios,
    required_error,
    textarea,
    whole_number,
)
from cases.models import (
    ORDER_TYPES_WITH_CONDITIONS,
    AccommodationStatus,
    Case,
    EmploymentStatus,
    Ethnicity,
    GenderIdentity,
    OrderType,
    RequirementType,
    Sex,
)
from cases.record import rules as record_rules
from crc.forms_adapter import GovukDateField
from crc.organisation.models import Team

LENGTH_HINT = "Hours for unpaid work ({} to {}), days for RAR, months for the others".format(
    *record_rules.UNPAID_WORK_HOURS
)


def _today() -> dt.date:
    return timezone.localdate()


# --- The person ------------------------------------------------------------------------


DISABILITY_CHOICES = [("yes", "Yes"), ("no", "No"), ("unknown", "Not known")]
_DISABILITY_VALUES = {"yes": True, "no": False, "unknown": None}


def disability_choice(value: bool | None) -> str:
    return {True: "yes", False: "no"}.get(value, "unknown")


class PersonFieldsMixin(forms.Form):
    """Names, date of birth and sex: asked when a case is created and when it is edited."""

    first_name = forms.CharField(
        label="First name", max_length=100, error_messages=required_error("Enter the first name")
    )
    last_name = forms.CharField(
        label="Last name", max_length=100, error_messages=required_error("Enter the last name")
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        help_text="For example, 27 3 1990",
        error_messages={
            "required": "Enter the date of birth",
            "invalid": "Date of birth must be a real date, for example 27 3 1990",
        },
    )
    sex = radios("Sex", Sex.choices, "Select the person's sex")

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born > _today():
            raise forms.ValidationError("Date of birth must be in the past")
        # Probation supervises adults; a date this far back is a typing slip (1899 for 1989).
        if born.year < _today().year - 110:
            raise forms.ValidationError("Date of birth must be after " + str(_today().year - 110))
        return born


class PersonForm(PersonFieldsMixin, VersionedForm):
    """Every personal-detail field of a case (DOMAIN.md §2)."""

    preferred_name = forms.CharField(
        label="Preferred name (optional)", max_length=100, required=False
    )
    gender_identity = radios(
        "Gender identity", [NOT_RECORDED, *GenderIdentity.choices], required=False
    )
    ethnicity = forms.ChoiceField(
        label="Ethnicity", choices=[NOT_RECORDED, *Ethnicity.choices], required=False
    )
    disability = radios(
        "Does the person have a disability?",
        DISABILITY_CHOICES,
        "Select yes, no or not known for disability",
    )
    disability_details = forms.CharField(
        label="Disability details (optional)", required=False, widget=textarea()
    )
    reasonable_adjustments = optional_text(
        "Reasonable adjustments (optional)",
        "What we change so the person can take part, for example longer appointments",
        rows=3,
    )
    religion = forms.CharField(
        label="Religion or belief (optional)", max_length=100, required=False
    )
    first_language = forms.CharField(
        label="First language (optional)", max_length=60, required=False
    )
    interpreter_required = forms.BooleanField(label="An interpreter is needed", required=False)
    caring_responsibilities = forms.CharField(
        label="Caring responsibilities (optional)", required=False, widget=textarea()
    )
    address = forms.CharField(label="Address (optional)", required=False, widget=textarea())
    postcode = forms.CharField(label="Postcode (optional)", max_length=10, required=False)
    accommodation_status = forms.ChoiceField(
        label="Accommodation", choices=[NOT_RECORDED, *AccommodationStatus.choices], required=False
    )
    employment_status = forms.ChoiceField(
        label="Employment", choices=[NOT_RECORDED, *EmploymentStatus.choices], required=False
    )
    phone = forms.CharField(label="Phone (optional)", max_length=30, required=False)
    email = forms.EmailField(
        label="Email (optional)",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )

    @classmethod
    def initial_for(cls, case: Case) -> dict:
        initial = {name: getattr(case, name) for name in cls.base_fields if name != "version"}
        initial["disability"] = disability_choice(case.disability)
        return initial

    def form_value(self, name: str, saved):
        return disability_choice(saved) if name == "disability" else saved

    def clean_postcode(self):
        return " ".join(self.cleaned_data["postcode"].upper().split())

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["version"] = self.version_sent()
        data["disability"] = _DISABILITY_VALUES[data["disability"]]
        return data


# --- Orders and requirements -----------------------------------------------------------


class OrderFieldsMixin(forms.Form):
    order_type = radios("Type of order", OrderType.choices, "Select the type of order")
    court = forms.CharField(label="Court (optional)", max_length=120, required=False)
    sentence_date = GovukDateField(
        label="Sentence date", error_messages=required_error("Enter the sentence date")
    )
    start_date = GovukDateField(
        label="Start date", error_messages=required_error("Enter the start date")
    )
    expected_end_date = GovukDateField(
        label="Expected end date", error_messages=required_error("Enter the expected end date")
    )
    release_date = GovukDateField(
        label="Release date",
        help_text="Only for a licence or post-sentence supervision",
        required=False,
    )
    index_offence = forms.CharField(
        label="Index offence",
        max_length=200,
        help_text="The main offence the order was made for",
        error_messages=required_error("Enter the index offence"),
    )

    ORDER_FIELDS = (
        "order_type",
        "court",
        "sentence_date",
        "start_date",
        "expected_end_date",
        "release_date",
        "index_offence",
    )

    def clean_sentence_date(self):
        value = self.cleaned_data["sentence_date"]
        not_in_future(value, "The sentence date")
        return value

    def clean(self):
        cleaned = super().clean()
        order_type = cleaned.get("order_type")
        sentenced, start = cleaned.get("sentence_date"), cleaned.get("start_date")
        end, release = cleaned.get("expected_end_date"), cleaned.get("release_date")
        if sentenced and start and start < sentenced:
            self.add_error("start_date", "The start date must be on or after the sentence date")
        if start and end and end <= start:
            self.add_error(
                "expected_end_date", "The expected end date must be after the start date"
            )
        if order_type in ORDER_TYPES_WITH_CONDITIONS:
            if not release and "release_date" not in self.errors:
                self.add_error("release_date", "Enter the release date for a licence or PSS")
        elif order_type and release:
            self.add_error(
                "release_date",
                "Leave the release date empty: only a licence or PSS has one",
            )
        if release and sentenced and release < sentenced:
            self.add_error("release_date", "The release date must be after the sentence date")
        return cleaned

    def order_kwargs(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.ORDER_FIELDS}


class OrderForm(OrderFieldsMixin, GovukForm):
    pass


def requirement_length(label: str, what: str) -> forms.IntegerField:
    """A requirement's length, optional, in the unit its type takes (LENGTH_HINT)."""
    return whole_number(label, what, 1, 999, fewer="less", help_text=LENGTH_HINT, required=False)


def _check_requirement(form: forms.Form, requirement_type: str, length: int | None, field: str):
    # The service refuses these too; checking here shows them beside the other errors.
    if requirement_type:
        problem = record_rules.requirement_length_problem(requirement_type, length)
        if problem:
            form.add_error(field, problem)


class RequirementForm(VersionedForm):
    requirement_type = forms.ChoiceField(
        label="Requirement",
        choices=[("", "Choose a requirement"), *RequirementType.choices],
        error_messages=required_error("Select the requirement"),
    )
    length = requirement_length("Length (optional for most requirements)", "Length")
    details = forms.CharField(label="Details (optional)", required=False, widget=textarea())

    def clean(self):
        cleaned = super().clean()
        if "length" not in self.errors:
            _check_requirement(
                self, cleaned.get("requirement_type"), cleaned.get("length"), "length"
            )
        return cleaned


class CaseCreateForm(PersonFieldsMixin, OrderFieldsMixin, GovukForm):
    """A new case with its first order (and, optionally, the order's first requirement)."""

    crn = forms.CharField(
        label="Case reference number (CRN)",
        help_text="One capital letter and six digits, for example X123456",
        max_length=7,
        error_messages=required_error("Enter the CRN"),
    )
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.none(),
        empty_label="Choose a team",
        error_messages=required_error("Select the team"),
    )
    requirement_type = forms.ChoiceField(
        label="First requirement (optional)",
        help_text="Licences and post-sentence supervision have conditions instead",
        choices=[("", "No requirement yet"), *RequirementType.choices],
        required=False,
    )
    requirement_length = requirement_length("Requirement length (optional)", "Requirement length")

    field_order = [
        "crn",
        "first_name",
        "last_name",
        "date_of_birth",
        "sex",
        "team",
        *OrderFieldsMixin.ORDER_FIELDS,
        "requirement_type",
        "requirement_length",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.select_related("office").order_by(
            "office__name", "name"
        )

    def clean_crn(self):
        # The service checks this too; checking here shows it with the other errors.
        crn = self.cleaned_data["crn"].strip().upper()
        if not record_rules.crn_is_valid(crn):
            raise forms.ValidationError(
                "Enter a CRN as one capital letter and six digits, like X123456"
            )
        return crn

    def clean(self):
        cleaned = super().clean()
        requirement_type = cleaned.get("requirement_type")
        if requirement_type and cleaned.get("order_type") in ORDER_TYPES_WITH_CONDITIONS:
            self.add_error(
                "requirement_type",
                "Licences and post-sentence supervision have conditions, not requirements",
            )
        elif "requirement_length" not in self.errors:
            _check_requirement(
                self, requirement_type, cleaned.get("requirement_length"), "requirement_length"
            )
        return cleaned

    def person_kwargs(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in ("first_name", "last_name", "date_of_birth", "sex")}

    def requirements(self) -> list[dict]:
        data = self.cleaned_data
        if not data.get("requirement_type"):
            return []
        return [
            {"requirement_type": data["requirement_type"], "length": data["requirement_length"]}
        ]
