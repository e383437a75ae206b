"""Reads that may be a little stale go to a read replica, when one is configured.

Off by default: with no `DATABASE_REPLICA_URL` there is no "replica" connection and
every query goes to "default", exactly as before. With it, the views named in
`REPLICA_READ_VIEWS` (the dashboards and the exports: aggregate reads that tolerate a
replica's second or two of lag) read through the replica for the length of a GET or
HEAD request. Writes always go to the primary, including the access-log row such a
view writes, and so does everything outside those views. docs/operations.md says when
to switch it on.
"""

import contextlib
import contextvars
from fnmatch import fnmatchcase

from django.conf import settings
from django.db import connections

REPLICA = "replica"
_reading_replica: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "reading_replica", default=False
)


def reading_replica() -> bool:
    """Inside `replica_reads()` (whether or not a replica is configured)."""
    return _reading_replica.get()


def replica_configured() -> bool:
    return REPLICA in connections.settings


@contextlib.contextmanager
def replica_reads():
    """Inside this block reads go to the replica (if configured); writes never do."""
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


class ReplicaRouter:
    """Installed always; routes only inside `replica_reads()` with a replica set up."""

    def db_for_read(self, model, **hints):
        if _reading_replica.get() and replica_configured():
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def _wanted(match) -> bool:
    if match is None:
        return False
    name = match.view_name  # "namespace:name"
    return any(fnmatchcase(name, pattern) for pattern in settings.REPLICA_READ_VIEWS)


class ReplicaReadsMiddleware:
    """Wraps the views named in REPLICA_READ_VIEWS in `replica_reads()` (GET/HEAD).

    Last in MIDDLEWARE, so every other middleware's process_view (sign-in, second
    factor) has run first and the user and session were read from the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD") or not replica_configured():
            return None
        if not _wanted(request.resolver_match):
            return None
        with replica_reads():
            response = view_func(request, *view_args, **view_kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response = response.render()
            return response
