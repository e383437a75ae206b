"""The access-log filter form."""

import re
from typing import Any

from django import forms

from crc.access.models import AccessKind
from crc.forms_adapter import GovukDateField

# crc never imports the case app, so the CRN shape is repeated here (cases.record.rules has it).
CRN_RE = re.compile(r"^[A-Z]\d{6}$")


def _date_field(label: str) -> GovukDateField:
    return GovukDateField(label=label, required=False, help_text="For example, 27 3 2026")


class AccessLogFilterForm(forms.Form):
    user = forms.CharField(
        label="Username",
        max_length=150,
        required=False,
        error_messages={"max_length": "Username must be 150 characters or fewer"},
    )
    case = forms.CharField(
        label="Case (CRN)",
        max_length=7,
        required=False,
        help_text="For example, X123456",
        error_messages={"max_length": "Enter a CRN as one letter and six digits, like X123456"},
    )
    date_from = _date_field("From")
    date_to = _date_field("To")
    kind = forms.ChoiceField(
        label="Kind of access",
        required=False,
        choices=[("", "Any"), *AccessKind.choices],
        error_messages={"invalid_choice": "Select a kind of access from the list"},
    )

    def clean_user(self) -> str:
        return self.cleaned_data["user"].strip()

    def clean_case(self) -> str:
        crn = self.cleaned_data["case"].strip().upper()
        if crn and not CRN_RE.match(crn):
            raise forms.ValidationError("Enter a CRN as one letter and six digits, like X123456")
        return crn

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", "The ‘to’ date must be the same as or after the ‘from’ date")
        return cleaned

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for selectors.access_log_search (a valid form only)."""
        data = self.cleaned_data
        return {
            "username": data["user"],
            "crn": data["case"],
            "date_from": data["date_from"],
            "date_to": data["date_to"],
            "kind": data["kind"],
        }

    def describe(self) -> str:
        """The filters in words, for the export's own access-log row."""
        parts = [
            f"{name}={value.isoformat() if hasattr(value, 'isoformat') else value}"
            for name, value in self.cleaned_data.items()
            if value
        ]
        return "; ".join(parts) if parts else "no filters (every row)"
