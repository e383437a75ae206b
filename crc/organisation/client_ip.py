"""The address a request came from, for lockouts and throttles.

X-Forwarded-For is whatever the client wrote, plus one entry per proxy that passed the
request on. Only the entries our own proxies appended can be believed, so the header
is read only when TRUSTED_PROXY_COUNT says how many proxies stand in front (docker-
compose sets 1), and then the entry that many places from the right is the client.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        # A request that did not come through all our proxies: trust the socket only.
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
