"""Throttles beside django-axes's per-username lockout.

- Sign-in by address: an address with too many failed sign-ins across any usernames in
  the window (password spraying) is refused, counted from axes's failure log, so every
  web process sees the same count.
- The OAuth2 token endpoint: a fixed window per address and per client id in the cache
  (Redis in production), so a guessed or leaked client id cannot be hammered.
"""

import base64
import binascii
from datetime import timedelta
from urllib.parse import unquote_plus

from axes.models import AccessFailureLog
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from crc.organisation.client_ip import client_ip

TOKEN_WINDOW_SECONDS = 60


def sign_in_address_blocked(request: HttpRequest) -> bool:
    address = client_ip(request)
    if not address:
        return False
    since = timezone.now() - timedelta(minutes=settings.SIGN_IN_IP_WINDOW_MINUTES)
    failures = AccessFailureLog.objects.filter(ip_address=address, attempt_time__gte=since)
    return failures.count() >= settings.SIGN_IN_IP_FAILURE_LIMIT


def token_client_id(request: HttpRequest) -> str:
    """The client id a token request names: HTTP Basic (RFC 6749 2.3.1) or the body."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(header[6:].strip()).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return ""
        return unquote_plus(decoded.partition(":")[0])[:200]
    return request.POST.get("client_id", "")[:200]


def _over(key: str, limit: int) -> bool:
    # add() is atomic where the cache is shared; the window starts with the first request.
    cache.add(key, 0, timeout=TOKEN_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=TOKEN_WINDOW_SECONDS)
        count = 1
    return count > limit


def token_request_throttled(request: HttpRequest) -> str | None:
    """Count this token request; return what is over its limit ("address" or
    "client"), or None when it may go ahead."""
    address = client_ip(request) or "unknown"
    if _over(f"crc:token:ip:{address}", settings.TOKEN_RATE_PER_IP):
        return "address"
    client_id = token_client_id(request)
    if client_id and _over(f"crc:token:client:{client_id}", settings.TOKEN_RATE_PER_CLIENT):
        return "client"
    return None


def first_refusal_in_window(request: HttpRequest, over: str, client_id: str) -> bool:
    subject = client_id if over == "client" else client_ip(request)
    key = f"crc:token:noted:{over}:{subject}"
    return cache.add(key, 1, timeout=TOKEN_WINDOW_SECONDS)
