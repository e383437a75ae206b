"""A person's own account: changing their password, and setting one from an
administrator's one-time reset link."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.urls import reverse_lazy

from crc.organisation.middleware import two_factor_not_required
from crc.organisation.models import SecurityEvent
from crc.organisation.security import security_event_record


class GovukSetPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields[
            "new_password1"
        ].help_text = (
            "At least 12 characters. Not a common password, and not like your name or username."
        )
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].error_messages["required"] = "Confirm the new password"


class GovukPasswordChangeForm(GovukSetPasswordForm, PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["old_password"].error_messages["required"] = "Enter your current password"


class PasswordSetRecorded:
    """What both views do once Django has set the password: record the change as a
    security event (the person acts on their own account) and say so. Written once so
    the two ways of setting a password are audited alike; each view gives its detail
    and its message."""

    event_detail = ""
    success_message = ""

    def form_valid(self, form):
        response = super().form_valid(form)
        security_event_record(
            kind=SecurityEvent.Kind.PASSWORD_CHANGED,
            staff=form.user,
            actor=form.user,
            request=self.request,
            detail=self.event_detail,
        )
        messages.success(self.request, self.success_message)
        return response


class PasswordChangeView(PasswordSetRecorded, auth_views.PasswordChangeView):
    # Django keeps this session and ends every other one (update_session_auth_hash).
    form_class = GovukPasswordChangeForm
    template_name = "organisation/password_change.html"
    success_url = reverse_lazy("home")
    success_message = "Your password has been changed"


class PasswordResetConfirmView(PasswordSetRecorded, auth_views.PasswordResetConfirmView):
    """The administrator's one-time link: the person chooses a new password, then signs
    in with it and their second factor (the link never signs anyone in)."""

    form_class = GovukSetPasswordForm
    template_name = "organisation/password_reset_confirm.html"
    success_url = reverse_lazy("login")
    post_reset_login = False
    event_detail = "Set from a reset link"
    success_message = "Your new password is set. Sign in with it now."


password_change = PasswordChangeView.as_view()
password_reset_confirm = two_factor_not_required(
    login_not_required(PasswordResetConfirmView.as_view())
)
