"""The second sign-in step and enrolment pages.

All of these are reached by a session signed in by password (LoginRequiredMiddleware
sends anyone else to sign in) and are marked so the second-factor gate lets them
through: the gate itself sends password-only sessions here.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_otp import login as otp_login

from crc.organisation import two_factor
from crc.organisation.forms import CodeForm
from crc.organisation.middleware import two_factor_not_required

BACKUP_CODES_SESSION_KEY = "crc_new_backup_codes"


def _next(request: HttpRequest) -> str:
    return two_factor.safe_next(request, request.POST.get("next") or request.GET.get("next"))


def _verified(request: HttpRequest, device) -> None:
    otp_login(request, device)
    # A new session key once fully signed in, so a key seen before cannot be reused.
    request.session.cycle_key()


@two_factor_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    if two_factor.confirmed_app(user) is None:
        return redirect(two_factor.next_step_url(user, request.GET.get("next")))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.code_match(user=user, code=form.cleaned_data["code"])
        if device is not None:
            _verified(request, device)
            if device.persistent_id.startswith("otp_static"):
                left = device.token_set.count()
                messages.info(
                    request,
                    f"You used a backup code. You have {left} left. If your authenticator "
                    "app is lost, ask an administrator to reset your two-factor sign-in.",
                )
            return redirect(_next(request))
        form.reject()
    return render(
        request,
        "organisation/two_factor_verify.html",
        {"form": form, "next": request.GET.get("next") or request.POST.get("next", "")},
    )


@two_factor_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    # Enrolment replaces nothing: someone who already has an app proves it instead, so a
    # stolen password alone can never register a new app.
    if user.is_verified() or two_factor.confirmed_app(user) is not None:
        return redirect(two_factor.next_step_url(user, request.GET.get("next")))
    device = two_factor.enrolment_device(user)
    form = CodeForm(request.POST or None, allow_backup=False)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.enrolment_confirm(
            user=user, device=device, token=form.cleaned_data["code"], request=request
        )
        if codes is not None:
            device.refresh_from_db()
            _verified(request, device)
            request.session[BACKUP_CODES_SESSION_KEY] = codes
            query = urlencode({"next": _next(request)})
            return redirect(f"{reverse('two_factor_backup_codes')}?{query}")
        form.reject()
    secret = two_factor.base32_secret(device)
    return render(
        request,
        "organisation/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": two_factor.qr_code_svg(device),
            "secret": two_factor.grouped(secret),
            "next": request.GET.get("next") or request.POST.get("next", ""),
        },
    )


@never_cache
@require_GET
def backup_codes(request: HttpRequest) -> HttpResponse:
    """The new backup codes, once: they leave the session as they are shown."""
    codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
    if not codes:
        return redirect(_next(request))
    return render(
        request,
        "organisation/two_factor_backup_codes.html",
        {"codes": codes, "next": _next(request)},
    )
