"""/healthz: can this process reach its database and its broker?

For load balancers and uptime checks, so it needs no sign-in, answers quickly (the
broker probe gives up within about two seconds) and says nothing about *why* a
dependency is down: details go to the log, not to whoever asks.
"""

import logging
import os

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from crc.celery import app as celery_app

logger = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 2.0


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Health check: the database is unreachable")
        return False
    return True


def broker_ok() -> bool:
    # Redis ignores broker_connection_timeout (kombu passes socket timeouts only through
    # transport options), so a blackholed host would otherwise hang the probe.
    conn = celery_app.connection_for_write(
        connect_timeout=BROKER_TIMEOUT_SECONDS,
    )
    try:
        if conn.transport_cls in ("redis", "rediss"):
            conn.transport_options.update(
                socket_connect_timeout=BROKER_TIMEOUT_SECONDS,
                socket_timeout=BROKER_TIMEOUT_SECONDS,
            )
        # max_retries=0: one attempt, no back-off sleep.
        conn.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT_SECONDS)
        if conn.transport_cls == "filesystem":
            # "Connecting" to the filesystem transport always works; what can fail is
            # the folder messages are written to.
            folder = conn.transport_options.get("data_folder_out", "data_out")
            if not (os.path.isdir(folder) and os.access(folder, os.W_OK)):
                raise OSError(f"Broker folder {folder!r} is missing or not writable")
    except Exception:
        logger.exception("Health check: the broker is unreachable")
        return False
    finally:
        conn.release()
    return True


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {
        "database": "ok" if database_ok() else "error",
        "broker": "ok" if broker_ok() else "error",
    }
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {**checks, "status": "ok" if healthy else "error"}, status=200 if healthy else 503
    )


@login_not_required
@never_cache
@require_GET
def floor(request: HttpRequest) -> HttpResponse:
    """A constant, through every middleware: the framework's own floor, which bench/
    compares the trivial signed-in page against. Reads nothing, says nothing."""
    return HttpResponse("ok", content_type="text/plain")
