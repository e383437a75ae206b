"""Sign-in middleware: the absolute session lifetime, the second-factor gate and the
token endpoint's throttle."""

import functools
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import is_verified
from django_otp.models import Device

from crc.organisation import throttling, two_factor
from crc.organisation.models import SecurityEvent
from crc.organisation.security import logger, security_event_record

SIGNED_IN_AT = "crc_signed_in_at"


def stamp_sign_in(sender, request=None, user=None, **kwargs) -> None:
    """user_logged_in: when this session began, for the absolute lifetime."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = time.time()


def two_factor_not_required(view):
    """Mark a view a password-only session may use (the second-factor steps, signing
    out, public pages). Everything else needs a verified second factor."""
    view.two_factor_not_required = True
    return view


class SessionOTPMiddleware:
    """django-otp's OTPMiddleware, without its database query on every request.

    OTPMiddleware reloads the verifying device on each request to notice one that was
    removed. Here a session holds a device id only after django_otp.login() accepted a
    code from that person's confirmed device, and the one way a device is removed (an
    administrator's reset, two_factor.two_factor_reset) ends every session the person
    has, so the id alone proves the session verified. The device row is read only if
    something asks for it. request.user gets the same otp_device and is_verified().
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None:
            request.user = SimpleLazyObject(functools.partial(self.verify_user, request, user))
        return self.get_response(request)

    @staticmethod
    def verify_user(request: HttpRequest, user):
        user.otp_device = None
        user.is_verified = functools.partial(is_verified, user)
        if user.is_authenticated:
            persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
            if persistent_id:
                user.otp_device = SimpleLazyObject(
                    functools.partial(Device.from_persistent_id, persistent_id)
                )
        return user


SESSION_REFRESHED_AT = "crc_refreshed_at"


class SessionRefreshMiddleware:
    """Idle sessions end SESSION_COOKIE_AGE after the last activity. Instead of saving the
    session on every request (SESSION_SAVE_EVERY_REQUEST, one UPDATE each), mark it for
    saving when SESSION_REFRESH_SECONDS have passed since it was last saved: the idle
    limit is then kept to within that many seconds, for one write a minute at most."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # No cookie (or a session just flushed or created): nothing to extend.
        if session is None or not session.session_key or session.modified:
            return response
        if session.get(SESSION_KEY) is None:
            return response  # signed out: an anonymous session is never extended
        now = int(time.time())
        if now - session.get(SESSION_REFRESHED_AT, 0) >= settings.SESSION_REFRESH_SECONDS:
            session[SESSION_REFRESHED_AT] = now  # modified: SessionMiddleware saves it
        return response


class SessionLifetimeMiddleware:
    """Idle sessions end after SESSION_COOKIE_AGE; this ends any session
    SESSION_ABSOLUTE_AGE after sign-in, however active it has been."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if session.get(SESSION_KEY) is not None:
            started = session.get(SIGNED_IN_AT)
            # A session with no start time predates the rule: it is treated as expired.
            if started is None or time.time() - started > settings.SESSION_ABSOLUTE_AGE:
                logout(request)
                messages.info(
                    request,
                    "You were signed out because you signed in "
                    f"{settings.SESSION_ABSOLUTE_AGE // 3600} hours ago. Sign in again.",
                )
        return self.get_response(request)


class TwoFactorRequiredMiddleware:
    """A session signed in by password alone reaches only views marked
    @two_factor_not_required; anything else sends it to the second-factor step."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "two_factor_not_required", False):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        return redirect(two_factor.next_step_url(user, request.get_full_path()))


class TokenEndpointThrottleMiddleware:
    """Throttle POSTs to the OAuth2 token endpoint per address and per client id."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._path = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._path is None:
            self._path = reverse("oauth2_provider:token")
        if request.method == "POST" and request.path == self._path:
            over = throttling.token_request_throttled(request)
            if over:
                client_id = throttling.token_client_id(request)
                logger.warning(
                    "Token requests throttled by %s: client_id=%r", over, client_id or None
                )
                # One record per window, not one per refused request.
                if throttling.first_refusal_in_window(request, over, client_id):
                    security_event_record(
                        kind=SecurityEvent.Kind.TOKEN_THROTTLED,
                        username=client_id,
                        request=request,
                        detail=f"Too many token requests for this {over}",
                    )
                response = JsonResponse(
                    {
                        "error": "slow_down",
                        "error_description": "Too many token requests; try again later.",
                    },
                    status=429,
                )
                response["Retry-After"] = str(throttling.TOKEN_WINDOW_SECONDS)
                return response
        return self.get_response(request)
