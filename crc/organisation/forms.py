"""Forms of the organisation app's own pages."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


class SignInForm(AuthenticationForm):
    """Django's sign-in form with GOV.UK wording.

    One message for every failed sign-in, so the page never tells anyone whether a
    username exists.
    """

    error_messages = {
        "invalid_login": "Enter a correct username and password",
        # Unreachable with ModelBackend (it refuses inactive users before this), but if
        # it ever were reached it must not differ from a wrong password.
        "inactive": "Enter a correct username and password",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Username"
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        # Django sets the username's max_length after the field is built, so no validator
        # enforces it: an over-long name reached authenticate() and django-axes' attempt
        # log, whose column refused it (a 500 on PostgreSQL). Refused here instead, with
        # the same message as any failed sign-in, before anything is looked up or logged.
        username = self.fields["username"]
        username.validators.append(
            MaxLengthValidator(username.max_length, self.error_messages["invalid_login"])
        )

    def get_invalid_login_error(self) -> forms.ValidationError:
        return forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")


class CodeForm(forms.Form):
    """A code from the authenticator app, or a backup code when `allow_backup`."""

    code = forms.CharField(
        max_length=20,
        strip=True,
        error_messages={"required": "Enter the code"},
    )

    def __init__(self, *args, allow_backup: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = "Code" if allow_backup else "Code from your app"
        self.fields["code"].help_text = (
            "The 6-digit code your authenticator app shows, or one of your backup codes"
            if allow_backup
            else "The 6-digit code your authenticator app shows now"
        )

    def reject(self) -> None:
        self.add_error("code", "Enter a correct code")
