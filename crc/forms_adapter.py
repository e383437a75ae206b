"""One adapter from a bound Django form field to a GOV.UK Frontend macro's parameters.

Templates call ``govuk_field(form["name"])`` and pass the result to the macro the
field's ``kind`` names (see templates/macros/forms.html, which does that dispatch), so
every form shows labels, hints and errors the same way.
"""

import datetime as dt
from typing import Any

from django import forms


def _field_kind(field: forms.Field) -> str:
    widget = field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    if isinstance(widget, forms.DateInput) or isinstance(field, forms.DateField):
        return "date"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


def _input_type(field: forms.Field) -> str:
    if isinstance(field, forms.EmailField):
        return "email"
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        # GOV.UK advice: type=text with inputmode=numeric, not type=number.
        return "text"
    return getattr(field.widget, "input_type", "text") or "text"


def govuk_field(bound: forms.BoundField, **overrides: Any) -> dict[str, Any]:
    field = bound.field
    kind = _field_kind(field)
    params: dict[str, Any] = {
        "kind": kind,
        "id": bound.id_for_label or bound.html_name,
        "name": bound.html_name,
        "label": {"text": bound.label},
    }
    if field.help_text:
        params["hint"] = {"text": str(field.help_text)}
    if bound.errors:
        params["errorMessage"] = {"text": " ".join(str(e) for e in bound.errors)}
    value = bound.value()
    if kind in {"radios", "checkboxes", "select"}:
        selected = {str(v) for v in (value if isinstance(value, list | tuple) else [value])}
        items = []
        for choice_value, choice_label in field.choices:
            item = {"value": str(choice_value), "text": str(choice_label)}
            key = "selected" if kind == "select" else "checked"
            item[key] = str(choice_value) in selected
            items.append(item)
        params["items"] = items
    elif kind == "checkbox":
        params["items"] = [{"value": "on", "text": bound.label, "checked": bool(value)}]
    elif kind == "date":
        day = month = year = ""
        if isinstance(value, str) and value:
            parts = value.split("-")
            if len(parts) == 3:
                year, month, day = parts
        elif value:
            day, month, year = str(value.day), str(value.month), str(value.year)
        raw = bound.form.data if bound.form.is_bound else {}
        day = raw.get(f"{bound.html_name}_day", day)
        month = raw.get(f"{bound.html_name}_month", month)
        year = raw.get(f"{bound.html_name}_year", year)
        params["fieldset"] = {
            "legend": {"text": bound.label, "classes": "govuk-fieldset__legend--s"}
        }
        error_class = " govuk-input--error" if bound.errors else ""
        # Named here, not with namePrefix: govukDateInput joins a prefix with "-", but
        # GovukDateInput reads <name>_day, <name>_month and <name>_year.
        params["id"] = bound.html_name
        params["items"] = [
            {
                "id": f"{bound.html_name}-{part}",
                "name": f"{bound.html_name}_{part}",
                "label": part.capitalize(),
                "classes": f"govuk-input--width-{width}{error_class}",
                "value": shown,
            }
            for part, width, shown in (("day", 2, day), ("month", 2, month), ("year", 4, year))
        ]
    else:
        params["value"] = "" if value is None or kind == "password" else str(value)
        params["type"] = _input_type(field)
        if isinstance(field, forms.IntegerField):
            params["inputmode"] = "numeric"
    params.update(overrides)
    return params


def govuk_error_summary(form: forms.BaseForm) -> dict[str, Any] | None:
    """Parameters for govukErrorSummary, linking each message to its field."""
    if not form.is_bound or not form.errors:
        return None
    items = []
    for message in form.non_field_errors():
        items.append({"text": str(message)})
    for name, errors in form.errors.items():
        if name == "__all__":
            continue
        bound = form[name]
        anchor = bound.id_for_label or bound.html_name
        if isinstance(bound.field, forms.DateField):
            anchor = f"{bound.html_name}-day"
        for message in errors:
            items.append({"text": str(message), "href": f"#{anchor}"})
    return {"titleText": "There is a problem", "errorList": items}


class GovukDateInput(forms.MultiWidget):
    """Day, month and year boxes posted as <name>_day, <name>_month, <name>_year."""

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value):
        if value:
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        day, month, year = (
            data.get(f"{name}_{part}", "").strip() for part in ("day", "month", "year")
        )
        if not (day or month or year):
            return None
        return f"{year}-{month.zfill(2)}-{day.zfill(2)}"


# Every date the service records falls between these: a date of birth, a sentence, a
# review. Outside them a date is a typing slip, and date arithmetic on it (a due date
# ten working days on from 31 December 9999) would fail.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2199, 12, 31)


class GovukDateField(forms.DateField):
    """A date entered in the GOV.UK three-box pattern."""

    widget = GovukDateInput

    def clean(self, value):
        day = super().clean(value)
        if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
            raise forms.ValidationError(
                f"Enter a date between {EARLIEST_DATE.year} and {LATEST_DATE.year}",
                code="out_of_range",
            )
        return day

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        kwargs.setdefault(
            "error_messages",
            {"invalid": "Enter a real date, for example 27 3 2026"},
        )
        super().__init__(**kwargs)
