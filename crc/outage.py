"""The database is unavailable (a restart, a fail-over, a network break): the service
says so with its own 503 page and Retry-After, never a stack trace, a 500 or a 400.

Two places meet the outage: any view or middleware whose query fails (Django calls
handler500, crc.views.server_error, which asks `database_unavailable`), and the
session middleware, whose save at the end of a request turns a database error into
SessionInterrupted, a 400 "Bad Request" that would otherwise tell the officer their
request was wrong.
"""

from django.conf import settings
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# How long a client is told to wait (a restart or a fail-over takes seconds to a minute).
RETRY_AFTER_SECONDS = 30


def database_unavailable(exc: BaseException | None) -> bool:
    """True when the error, or one it arose from, is a lost or refused connection."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def service_unavailable(request: HttpRequest | None) -> HttpResponse:
    # Rendered without the request, so no context processor runs: the shell's would load
    # the session and the user from the database that is down.
    context = {
        "service_name": settings.SERVICE_NAME,
        "cspNonce": getattr(request, "csp_nonce", ""),
    }
    response = render(None, "errors/503.html", context, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that a session save failing because the database went away is
    the 503 page (nothing was necessarily wrong with the request), not a 400."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        try:
            return super().process_response(request, response)
        except SessionInterrupted as exc:
            if database_unavailable(exc):
                return service_unavailable(request)
            raise
