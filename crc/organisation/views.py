"""Signing in and out."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse

from crc.organisation.forms import SignInForm


class SignInView(auth_views.LoginView):
    # LoginView only follows ?next= to this host (url_has_allowed_host_and_scheme), so a
    # crafted link cannot send someone elsewhere after they sign in.
    form_class = SignInForm
    template_name = "organisation/login.html"
    redirect_authenticated_user = True


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


login_view = login_not_required(SignInView.as_view())
# Anyone may post here: signing out an already-expired session is not an error.
logout_view = login_not_required(SignOutView.as_view())
