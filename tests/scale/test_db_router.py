"""The read-replica router and the queue-per-kind routes (docs/operations.md,
"Scaling out"): off by default, and exactly what the settings say when on."""

from unittest import mock

import pytest
from celery.app.routes import MapRoute
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve

from crc import dbrouter
from crc.celery import app as celery_app
from crc.dbrouter import ReplicaReadsMiddleware, ReplicaRouter, replica_reads


def test_without_a_replica_every_read_stays_on_default():
    assert "replica" not in settings.DATABASES  # the default: unchanged behaviour
    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_read(None) is None
    assert router.db_for_read(None) is None


def test_with_a_replica_only_reads_inside_the_block_go_to_it():
    router = ReplicaRouter()
    with mock.patch.object(dbrouter, "replica_configured", return_value=True):
        assert router.db_for_read(None) is None
        with replica_reads():
            assert router.db_for_read(None) == "replica"
            assert router.db_for_write(None) == "default"
        assert router.db_for_read(None) is None
    assert router.allow_migrate("replica", "cases") is False
    assert router.allow_migrate("default", "cases") is True


def _run(method: str, path: str, configured: bool = True) -> list[bool]:
    seen: list[bool] = []

    def view(request):
        seen.append(dbrouter.reading_replica())
        return HttpResponse("ok")

    request = getattr(RequestFactory(), method)(path)
    request.resolver_match = resolve(path)
    middleware = ReplicaReadsMiddleware(lambda r: HttpResponse("not reached"))
    with mock.patch.object(dbrouter, "replica_configured", return_value=configured):
        response = middleware.process_view(request, view, (), {})
    if response is None:  # not wrapped: Django would call the view itself
        view(request)
    return seen


@pytest.mark.parametrize(
    ("method", "path", "configured", "replica"),
    [
        ("get", "/dashboards/", True, True),
        ("get", "/access-log/export.csv", True, True),
        ("post", "/dashboards/", True, False),
        ("get", "/dashboards/", False, False),
        ("get", "/healthz", True, False),
    ],
)
def test_the_middleware_sends_only_dashboard_and_export_gets_to_the_replica(
    method, path, configured, replica
):
    assert _run(method, path, configured) == [replica]


def test_the_middleware_runs_after_sign_in_and_second_factor_checks():
    assert settings.MIDDLEWARE[-1] == "crc.dbrouter.ReplicaReadsMiddleware"


def test_every_task_has_a_queue_by_kind():
    celery_app.loader.import_default_modules()
    route = MapRoute(settings.CELERY_ROUTES_BY_KIND)
    ours = [name for name in celery_app.tasks if not name.startswith("celery.")]
    assert ours
    queues = {name: (route(name) or {}).get("queue") for name in ours}
    assert {q for q in queues.values()} <= {"notifications", "reminders", "partner_exchange"}
    assert None not in queues.values(), [n for n, q in queues.items() if q is None]
    assert queues["crc.notifications.tasks.deliver_outbox_message"] == "notifications"
    assert queues["cases.review_due_reminders"] == "reminders"
    # Off by default: one queue, as before.
    assert not getattr(settings, "CELERY_TASK_ROUTES", None)
