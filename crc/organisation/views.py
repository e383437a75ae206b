"""Signing in and out: the password step (the second factor is in two_factor_views)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from crc.organisation import throttling, two_factor
from crc.organisation.forms import SignInForm
from crc.organisation.middleware import two_factor_not_required
from crc.organisation.models import SecurityEvent
from crc.organisation.security import logger, security_event_record


class SignInView(auth_views.LoginView):
    # LoginView only follows ?next= to this host (url_has_allowed_host_and_scheme), so a
    # crafted link cannot send someone elsewhere after they sign in.
    form_class = SignInForm
    template_name = "organisation/login.html"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.is_verified():
            return redirect(self.get_success_url())
        if request.method == "POST" and throttling.sign_in_address_blocked(request):
            return self.address_blocked(request)
        return super().dispatch(request, *args, **kwargs)

    def address_blocked(self, request: HttpRequest) -> HttpResponse:
        username = request.POST.get("username", "")[:150]
        logger.warning("Sign-in refused for a busy address: username=%r", username)
        security_event_record(
            kind=SecurityEvent.Kind.IP_THROTTLED,
            username=username,
            request=request,
            detail="Too many failed sign-ins from this address",
        )
        return render(request, "organisation/locked_out.html", {"by_address": True}, status=429)

    def form_valid(self, form) -> HttpResponse:
        super().form_valid(form)
        # The password was right: now the second factor (or enrolment for a first time).
        return redirect(two_factor.next_step_url(form.get_user(), self.get_redirect_url()))


class SignOutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET with 405), then back to sign in."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        timed_out = request.POST.get("reason") == "timeout"
        response = super().post(request, *args, **kwargs)
        # After logout: the session was flushed, but the message storage lives on the
        # request and is written to the response.
        if timed_out:
            messages.info(
                request, "You were signed out because you had not done anything for a while"
            )
        else:
            messages.success(request, "You have signed out")
        return response


login_view = two_factor_not_required(login_not_required(SignInView.as_view()))
# Anyone may post here: signing out an already-expired session is not an error.
logout_view = two_factor_not_required(login_not_required(SignOutView.as_view()))
