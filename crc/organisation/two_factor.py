"""Two-factor sign-in for every staff account: services behind the sign-in steps.

A person signs in with their password, then with a code from an authenticator app
(django-otp TOTP) or one of ten one-time backup codes (a django-otp static device).
Someone with no confirmed app yet is enrolled first. Until the second step succeeds
the session reaches nothing else (crc/organisation/middleware.py).
"""

from base64 import b32encode
from binascii import unhexlify

import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from crc.organisation.models import SecurityEvent, Staff
from crc.organisation.security import security_event_record

APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"


def confirmed_app(user: Staff) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def backup_device(user: Staff) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def base32_secret(device: TOTPDevice) -> str:
    return b32encode(unhexlify(device.key)).decode()


def grouped(secret: str) -> str:
    """The key in groups of four, as people type it into an app."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> SafeString:
    """The app's set-up link as an inline SVG QR code, drawn here (nothing external)."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, dark="#0b0c0c", light="#ffffff", omitsize=False
    )
    # segno writes only numbers and fixed attributes: the secret appears in no text.
    return mark_safe(svg)  # noqa: S308


def safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def next_step_url(user: Staff, next_url: str | None = None) -> str:
    """Where a password-only session goes: the code page, or enrolment if no app yet."""
    name = "two_factor_verify" if confirmed_app(user) else "two_factor_setup"
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def enrolment_device(user: Staff) -> TOTPDevice:
    """The unconfirmed app being set up: the same one on every visit until confirmed,
    so reloading the page does not invalidate a code already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def enrolment_confirm(
    *, user: Staff, device: TOTPDevice, token: str, request: HttpRequest | None = None
) -> list[str] | None:
    """Confirm the app with a code from it; return the new backup codes (shown once)."""
    if device.user_id != user.pk or device.confirmed or not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = backup_codes_issue(user=user)
    security_event_record(
        kind=SecurityEvent.Kind.TWO_FACTOR_ENROLLED, staff=user, actor=user, request=request
    )
    return codes


def backup_codes_issue(*, user: Staff) -> list[str]:
    """Ten new one-time codes; any earlier set stops working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def code_match(*, user: Staff, code: str):
    """The device that accepts this code (app first, then a backup code), or None.

    Each device counts its own failures and makes the person wait longer after each
    (django-otp's throttling); a TOTP code is refused if it was already used.
    """
    cleaned = "".join(code.split()).lower()
    if not cleaned:
        return None
    with transaction.atomic():
        app = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        if app is not None and cleaned.isdigit() and app.verify_token(cleaned):
            return app
        backup = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        if backup is not None and not cleaned.isdigit() and backup.verify_token(cleaned):
            return backup
    return None


@transaction.atomic
def two_factor_reset(*, staff: Staff, actor: Staff, request: HttpRequest | None = None) -> None:
    """An administrator's reset: the app and backup codes go, and every session the
    person has ends, so their next sign-in enrols a new app."""
    TOTPDevice.objects.filter(user=staff).delete()
    StaticDevice.objects.filter(user=staff).delete()
    staff.session_generation += 1
    # simple-history's documented hook: the reason shows on the person's history page.
    staff._change_reason = f"Two-factor reset by {actor.get_username()}"
    staff.save(update_fields=["session_generation"])
    security_event_record(
        kind=SecurityEvent.Kind.TWO_FACTOR_RESET,
        staff=staff,
        actor=actor,
        request=request,
        detail=f"Reset by {actor.get_username()}; their sessions were ended",
    )
