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

from django import forms
from django.utils import timezone

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


def textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})
