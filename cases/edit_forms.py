"""Forms that change the case record (cases/edit_views.py).

Forms validate what can be checked from the input alone (formats, ranges, dates that
must follow each other); the services check everything that depends on the state of
the case and raise DomainError, which the views put back on the form. None of these
forms saves anything: `cleaned_data` (or `service_kwargs()`) goes to a service.

Plain forms, not ModelForms: a ModelForm writes the input onto the instance while it
validates, so an invalid edit would show in the identity bar of the re-rendered page.
"""

import datetime as dt
from decimal import Decimal

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from cases import rules
from cases.models import (
    ORDER_TYPES_WITH_CONDITIONS,
    AccessListKind,
    AccommodationStatus,
    Case,
    EmploymentStatus,
    Ethnicity,
    GenderIdentity,
    NeedArea,
    NeedSeverity,
    OrderType,
    RegistrationType,
    RequirementType,
    RoshLevel,
    Sex,
)
from crc.forms_adapter import GovukDateField
from crc.organisation.models import RESPONSIBLE_OFFICER_ROLES, Role, Staff, Team

NOT_RECORDED = ("", "Not recorded")


def _required(message: str) -> dict:
    return {"required": message}


def _today() -> dt.date:
    return timezone.localdate()


def _not_in_future(value: dt.date | None, what: str) -> None:
    if value and value > _today():
        raise forms.ValidationError(f"{what} must be today or in the past")


class GovukForm(forms.Form):
    """GOV.UK error messages name the field, not 'This field is required'."""

    def full_clean(self):
        super().full_clean()
        # The error summary lists errors in the order they were found; cross-field checks
        # in clean() come last. Put them back in the order of the page.
        if self._errors:
            order = ["__all__", *self.fields]
            self._errors = type(self._errors)(
                sorted(self._errors.items(), key=lambda item: order.index(item[0]))
            )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if (
                field.error_messages.get("required")
                == forms.Field.default_error_messages["required"]
            ):
                field.error_messages["required"] = f"Enter {str(field.label or name).lower()}"


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


# --- The person ------------------------------------------------------------------------


DISABILITY_CHOICES = [("yes", "Yes"), ("no", "No"), ("unknown", "Not known")]
_DISABILITY_VALUES = {"yes": True, "no": False, "unknown": None}


def disability_choice(value: bool | None) -> str:
    return {True: "yes", False: "no"}.get(value, "unknown")


class PersonFieldsMixin(forms.Form):
    """Names, date of birth and sex: asked when a case is created and when it is edited."""

    first_name = forms.CharField(
        label="First name", max_length=100, error_messages=_required("Enter the first name")
    )
    last_name = forms.CharField(
        label="Last name", max_length=100, error_messages=_required("Enter the last name")
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        help_text="For example, 27 3 1990",
        error_messages={
            "required": "Enter the date of birth",
            "invalid": "Date of birth must be a real date, for example 27 3 1990",
        },
    )
    sex = forms.ChoiceField(
        label="Sex",
        choices=Sex.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select the person's sex"),
    )

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born > _today():
            raise forms.ValidationError("Date of birth must be in the past")
        # Probation supervises adults; a date this far back is a typing slip (1899 for 1989).
        if born.year < _today().year - 110:
            raise forms.ValidationError("Date of birth must be after " + str(_today().year - 110))
        return born


class PersonForm(PersonFieldsMixin, GovukForm):
    """Every personal-detail field of a case (DOMAIN.md §2)."""

    preferred_name = forms.CharField(
        label="Preferred name (optional)", max_length=100, required=False
    )
    gender_identity = forms.ChoiceField(
        label="Gender identity",
        choices=[NOT_RECORDED, *GenderIdentity.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    ethnicity = forms.ChoiceField(
        label="Ethnicity", choices=[NOT_RECORDED, *Ethnicity.choices], required=False
    )
    disability = forms.ChoiceField(
        label="Does the person have a disability?",
        choices=DISABILITY_CHOICES,
        widget=forms.RadioSelect,
        error_messages=_required("Select yes, no or not known for disability"),
    )
    disability_details = forms.CharField(
        label="Disability details (optional)", required=False, widget=_textarea()
    )
    reasonable_adjustments = forms.CharField(
        label="Reasonable adjustments (optional)",
        help_text="What we change so the person can take part, for example longer appointments",
        required=False,
        widget=_textarea(),
    )
    religion = forms.CharField(
        label="Religion or belief (optional)", max_length=100, required=False
    )
    first_language = forms.CharField(
        label="First language (optional)", max_length=60, required=False
    )
    interpreter_required = forms.BooleanField(label="An interpreter is needed", required=False)
    caring_responsibilities = forms.CharField(
        label="Caring responsibilities (optional)", required=False, widget=_textarea()
    )
    address = forms.CharField(label="Address (optional)", required=False, widget=_textarea())
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
        initial = {name: getattr(case, name) for name in cls.base_fields}
        initial["disability"] = disability_choice(case.disability)
        return initial

    def clean_postcode(self):
        return " ".join(self.cleaned_data["postcode"].upper().split())

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["disability"] = _DISABILITY_VALUES[data["disability"]]
        return data


# --- Orders and requirements -----------------------------------------------------------


class OrderFieldsMixin(forms.Form):
    order_type = forms.ChoiceField(
        label="Type of order",
        choices=OrderType.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select the type of order"),
    )
    court = forms.CharField(label="Court (optional)", max_length=120, required=False)
    sentence_date = GovukDateField(
        label="Sentence date", error_messages=_required("Enter the sentence date")
    )
    start_date = GovukDateField(
        label="Start date", error_messages=_required("Enter the start date")
    )
    expected_end_date = GovukDateField(
        label="Expected end date", error_messages=_required("Enter the expected end date")
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
        error_messages=_required("Enter the index offence"),
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
        _not_in_future(value, "The sentence date")
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


# Unpaid work orders are 40 to 300 hours (DOMAIN.md §5).
UNPAID_WORK_HOURS = (40, 300)


def _check_requirement(form: forms.Form, requirement_type: str, length: int | None, field: str):
    if not requirement_type:
        return
    if requirement_type == RequirementType.UNPAID_WORK:
        low, high = UNPAID_WORK_HOURS
        if length is None or not low <= length <= high:
            form.add_error(field, f"Enter the unpaid work hours, from {low} to {high}")
    elif requirement_type == RequirementType.RAR and not length:
        form.add_error(field, "Enter the number of RAR days")


class RequirementForm(GovukForm):
    requirement_type = forms.ChoiceField(
        label="Requirement",
        choices=[("", "Choose a requirement"), *RequirementType.choices],
        error_messages=_required("Select the requirement"),
    )
    length = forms.IntegerField(
        label="Length (optional for most requirements)",
        help_text="Hours for unpaid work (40 to 300), days for RAR, months for the others",
        min_value=1,
        max_value=999,
        required=False,
        error_messages={
            "invalid": "Length must be a whole number",
            "min_value": "Length must be 1 or more",
            "max_value": "Length must be 999 or less",
        },
    )
    details = forms.CharField(label="Details (optional)", required=False, widget=_textarea())

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
        error_messages=_required("Enter the CRN"),
    )
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.none(),
        empty_label="Choose a team",
        error_messages=_required("Select the team"),
    )
    requirement_type = forms.ChoiceField(
        label="First requirement (optional)",
        help_text="Licences and post-sentence supervision have conditions instead",
        choices=[("", "No requirement yet"), *RequirementType.choices],
        required=False,
    )
    requirement_length = forms.IntegerField(
        label="Requirement length (optional)",
        help_text="Hours for unpaid work (40 to 300), days for RAR, months for the others",
        min_value=1,
        max_value=999,
        required=False,
        error_messages={
            "invalid": "Requirement length must be a whole number",
            "min_value": "Requirement length must be 1 or more",
            "max_value": "Requirement length must be 999 or less",
        },
    )

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
        if not rules.crn_is_valid(crn):
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


# --- Allocation ------------------------------------------------------------------------


def allocatable_officers(user) -> QuerySet:
    """Whom this user may pick: an SPO picks from the teams they manage; an administrator
    from every active PO and PSO. The service re-checks grade and limited access."""
    officers = Staff.objects.filter(role__in=RESPONSIBLE_OFFICER_ROLES, is_active=True)
    if user.role != Role.ADMINISTRATOR:
        officers = officers.filter(team__in=user.managed_teams.all())
    return officers.select_related("team").order_by("last_name", "first_name", "pk")


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        grade = "PSO" if obj.role == Role.PROBATION_SERVICES_OFFICER else "PO"
        team = obj.team.name if obj.team_id else "no team"
        return f"{obj.get_full_name()} ({grade}, {team})"


class AllocateForm(GovukForm):
    officer = OfficerChoiceField(
        label="Responsible officer",
        queryset=Staff.objects.none(),
        empty_label="Choose an officer",
        error_messages=_required("Select the officer to allocate the case to"),
    )
    reason = forms.CharField(
        label="Why are you allocating the case to this officer?",
        widget=_textarea(),
        max_length=2000,
        error_messages=_required("Enter a reason for the allocation"),
    )

    def __init__(self, *args, officers: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers


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


class RiskForm(GovukForm):
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
        _not_in_future(value, "The date RoSH was assessed")
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
    notes = forms.CharField(label="Notes (optional)", required=False, widget=_textarea(4))

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
        _not_in_future(value, "The date registered")
        return value


class RegistrationEndForm(GovukForm):
    reason = forms.CharField(
        label="Why is this registration ending?",
        widget=_textarea(4),
        max_length=2000,
        error_messages=_required("Enter why the registration is ending"),
    )


class NeedsForm(GovukForm):
    """One radio group per criminogenic need, then strengths and protective factors."""

    strengths = forms.CharField(
        label="Strengths and protective factors",
        help_text="What helps the person stop offending: family, work, faith, motivation",
        required=False,
        widget=_textarea(5),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        needs = {
            f"need_{area.value}": forms.ChoiceField(
                label=area.label,
                choices=NeedSeverity.choices,
                widget=forms.RadioSelect,
                error_messages=_required(f"Select a severity for {area.label.lower()}"),
            )
            for area in NeedArea
        }
        # Needs first, strengths last, in the order of the assessment.
        self.fields = {**needs, "strengths": self.fields["strengths"]}

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


class ContactLevelForm(GovukForm):
    contacts = forms.IntegerField(
        label="Contacts in each period",
        min_value=1,
        max_value=14,
        error_messages={
            "required": "Enter how many contacts in each period",
            "invalid": "Contacts must be a whole number",
            "min_value": "Contacts must be 1 or more",
            "max_value": "Contacts must be 14 or fewer",
        },
    )
    period_days = forms.TypedChoiceField(
        label="How often",
        choices=[(str(days), label) for days, label in CONTACT_PERIODS],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=_required("Select how often"),
    )
    face_to_face = forms.IntegerField(
        label="How many of them must be face to face",
        min_value=0,
        max_value=14,
        error_messages={
            "required": "Enter how many contacts must be face to face",
            "invalid": "Face-to-face contacts must be a whole number",
            "min_value": "Face-to-face contacts must be 0 or more",
            "max_value": "Face-to-face contacts must be 14 or fewer",
        },
    )
    reason = forms.CharField(
        label="Why are you changing the contact level?",
        widget=_textarea(4),
        max_length=2000,
        error_messages=_required("Enter why you are changing the contact level"),
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


class ContactLevelDecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve the reduction"), ("decline", "Decline")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select approve or decline",
            "invalid_choice": "Select approve or decline",
        },
    )
    note = forms.CharField(
        label="Your note (needed to decline)", required=False, widget=_textarea(3), max_length=2000
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not cleaned.get("note", "").strip():
            self.add_error("note", "Say why the reduction is declined")
        return cleaned


class EscalationRaiseForm(GovukForm):
    reasons = forms.CharField(
        label="Why must this case be referred to the NPS?",
        help_text=(
            "For example, new information about risk to a child. The CRC keeps "
            "supervising the case until the NPS accepts it."
        ),
        widget=_textarea(5),
        max_length=2000,
        error_messages=_required("Enter why the case must be escalated"),
    )


class EscalationProgressForm(GovukForm):
    to_status = forms.ChoiceField(
        label="What has happened?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what has happened",
            "invalid_choice": "Select one of the options shown",
        },
    )
    note = forms.CharField(
        label="Note",
        help_text="Needed when an escalation is closed without a referral",
        required=False,
        widget=_textarea(4),
        max_length=2000,
    )

    def __init__(self, *args, allowed: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = allowed


# --- Limited access ------------------------------------------------------------------


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        where = f", {obj.team.name}" if obj.team_id else ""
        return f"{obj.get_full_name() or obj.username} ({obj.get_role_display()}{where})"


class AccessEntryForm(GovukForm):
    staff = StaffChoiceField(
        label="Member of staff",
        queryset=Staff.objects.none(),
        empty_label="Choose a member of staff",
        error_messages=_required("Select the member of staff"),
    )
    kind = forms.ChoiceField(
        label="Which list",
        choices=AccessListKind.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select which list"),
    )
    reason = forms.CharField(
        label="Why is access limited?",
        widget=_textarea(3),
        max_length=2000,
        error_messages=_required("Enter why access is limited"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = (
            Staff.objects.filter(is_active=True)
            .exclude(role="")
            .select_related("team")
            .order_by("last_name", "first_name", "pk")
        )
