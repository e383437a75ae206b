"""What every form that changes the case record shares: GOV.UK error messages and a
few field helpers.

Forms validate what can be checked from the input alone (formats, ranges, dates that
must follow each other); the services check everything that depends on the state of
the case and raise DomainError, which the views put back on the form. None of these
forms saves anything: `cleaned_data` (or `service_kwargs()`) goes to a service.

Plain forms, not ModelForms: a ModelForm writes the input onto the instance while it
validates, so an invalid edit would show in the identity bar of the re-rendered page.
"""

import datetime as dt
from typing import Any

from django import forms
from django.db import models
from django.utils import timezone

from crc.domain import StaleVersionError
from crc.forms_adapter import GovukDateField
from crc.stale import plain

NOT_RECORDED = ("", "Not recorded")


def required_error(message: str) -> dict:
    return {"required": message}


def _today() -> dt.date:
    return timezone.localdate()


def not_in_future(value: dt.date | None, what: str) -> None:
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


class VersionedForm(GovukForm):
    """A form that edits an existing record: it carries the version token of what it
    was opened at (crc.stale, ADR 0008) for the service to check.

    The view passes `version=version_token(state)` when it opens the form; on a stale
    save, `cases.pages.attempt` calls `show_stale`, which keeps the user's answers, lists
    what is saved now where it differs from them (`stale_differences`, shown by
    cases/edit/_form.html) and moves the token on, so saving again is a choice made after
    reading theirs, never a silent overwrite.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, version: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if version is not None:
            self.initial["version"] = version
        self.stale_differences: list[tuple[str, str]] = []

    @classmethod
    def opened_on(cls, data, record, **kwargs):
        """The form opened on a saved record whose fields are named as the form's are: each
        field starts at the record's value and the version token is the record's own
        (a whole-number ``version``). Edit pages use it instead of copying field by field."""
        initial = {name: getattr(record, name) for name in cls.base_fields if name != "version"}
        return cls(data, version=str(record.version), initial=initial, **kwargs)

    def answers(self) -> dict:
        """The cleaned answers by field name, without the version token: the keyword
        arguments of an edit service whose parameters are named as the fields are."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}

    def clean_version(self) -> str | None:
        # None, not "": the services read None as "no version was read".
        return self.cleaned_data["version"] or None

    def version_sent(self) -> str | None:
        """The token as the service takes it: None when the page sent none."""
        return self.cleaned_data.get("version") or None

    def form_value(self, name: str, saved: Any) -> Any:
        """A saved value as this form's field holds it (override where they differ)."""
        return saved

    def show_stale(self, error: StaleVersionError) -> None:
        self.add_error(None, error.message)
        self.stale_differences = self.differences(error.current)
        if error.version is not None:
            data = self.data.copy()
            data[self.add_prefix("version")] = error.version
            self.data = data

    def differences(self, current: dict) -> list[tuple[str, str]]:
        """(label, what is saved now) for each saved value that is not what the user
        sent; values the form has no field for are always listed."""
        rows = []
        for name, saved in current.items():
            field = self.fields.get(name)
            if field is not None and _same(
                self.form_value(name, saved), self.cleaned_data.get(name)
            ):
                continue
            label = field.label if field is not None else name.replace("_", " ").capitalize()
            label = str(label).removesuffix(" (optional)")
            rows.append((label, _shown(saved, field)))
        return rows


class VersionOnlyForm(VersionedForm):
    """A button that acts on an existing record (confirm a review, apply the Grid):
    no answers, only the version the page was read at."""


def _same(saved: Any, mine: Any) -> bool:
    def norm(value):
        value = plain(value)
        if value in (None, "", [], False):
            return ""
        return str(value).strip()

    return norm(saved) == norm(mine)


def _shown(value: Any, field: forms.Field | None) -> str:
    if isinstance(value, list | tuple | set):
        return "; ".join(_shown(item, None) for item in value) or "None"
    if value is None or value == "":
        # A value the form asks for was left blank; one it does not ask for is absent.
        return "Not recorded" if field is not None else "None"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    choices = getattr(field, "choices", None)
    if choices and not isinstance(value, models.Model):
        labels = {str(key): label for key, label in choices}
        if str(value) in labels:
            return str(labels[str(value)])
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    describe = getattr(value, "describe", None)
    return describe() if callable(describe) else str(value)


def textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def optional_text(label: str, help_text: str = "", rows: int = 4) -> forms.CharField:
    """A free-text box the user may leave empty."""
    return forms.CharField(label=label, help_text=help_text, required=False, widget=textarea(rows))


def required_text(
    label: str, missing: str, *, rows: int = 3, help_text: str = "", max_length: int | None = None
) -> forms.CharField:
    """A free-text answer the user must give; missing is what the error says when empty."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        widget=textarea(rows),
        max_length=max_length,
        error_messages=required_error(missing),
    )


def reason_text(label: str, missing: str, rows: int = 3, help_text: str = "") -> forms.CharField:
    """A free-text reason the user must give, kept to 2,000 characters."""
    return required_text(label, missing, rows=rows, help_text=help_text, max_length=2000)


def radios(label: str, choices=(), missing: str | None = None, **kwargs) -> forms.ChoiceField:
    """A question answered by choosing one radio button; missing is what the error says
    when none is chosen (other options, such as required=False, go to the field)."""
    if missing is not None:
        kwargs["error_messages"] = required_error(missing)
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect, **kwargs)


def optional_choice(label: str, blank: str, choices) -> forms.ChoiceField:
    """A drop-down the user may leave at its first choice, blank, which stands for
    none or any (a filter's "Any status", a form's "Not sure")."""
    return forms.ChoiceField(label=label, choices=[("", blank), *choices], required=False)


def whole_number(
    label: str, what: str, low: int, high: int, *, fewer: str = "fewer", **kwargs
) -> forms.IntegerField:
    """A whole number from low to high whose errors name it as `what` ("Length must be
    1 or more"); `fewer` is the word for the upper bound ("or fewer", "or less")."""
    messages = {
        "invalid": f"{what} must be a whole number",
        "min_value": f"{what} must be {low} or more",
        "max_value": f"{what} must be {high} or {fewer}",
        **kwargs.pop("error_messages", {}),
    }
    return forms.IntegerField(
        label=label, min_value=low, max_value=high, error_messages=messages, **kwargs
    )


def required_date(label: str, missing: str, *, help_text: str = "") -> GovukDateField:
    """A date the user must give, on the pages that give 27 3 2027 as the example of a
    real date (contacts, appointments, resettlement)."""
    return GovukDateField(
        label=label,
        help_text=help_text,
        error_messages={"required": missing, "invalid": "Enter a real date, for example 27 3 2027"},
    )
