"""A database that cannot be reached is an outage (503 and our own page), not a bug (500).

The restart itself, against a real PostgreSQL under a real web process, is in
test_database_restart.py; these check the handler without any service.
"""

import pytest
from django.db import InterfaceError, OperationalError
from django.test import RequestFactory

from crc import outage, views

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("server closed the connection unexpectedly"),
        InterfaceError("connection already closed"),
    ],
)
def test_a_database_outage_gets_the_503_page_not_a_stack_trace(error, django_assert_num_queries):
    request = RequestFactory().get("/cases/")

    with django_assert_num_queries(0):
        try:
            raise error
        except type(error):
            response = views.server_error(request)

    assert response.status_code == 503
    assert response["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
    html = response.content.decode()
    assert "Sorry, the service is unavailable" in html
    assert "connection" not in html


def test_an_error_caused_by_a_lost_connection_is_an_outage_too():
    request = RequestFactory().get("/cases/")
    try:
        try:
            raise OperationalError("terminating connection due to administrator command")
        except OperationalError as exc:
            raise RuntimeError("while rendering") from exc
    except RuntimeError:
        response = views.server_error(request)

    assert response.status_code == 503


def test_other_errors_still_get_the_500_page():
    request = RequestFactory().get("/cases/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = views.server_error(request)

    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def _session_middleware_saving_with(monkeypatch, cause: Exception | None):
    from django.contrib.sessions.backends.base import UpdateError
    from django.http import HttpResponse

    def save(self, must_create=False):
        if cause is None:
            raise UpdateError
        try:
            raise cause
        except type(cause):
            raise UpdateError from None

    middleware = outage.SessionMiddleware(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/cases/")
    middleware.process_request(request)
    request.session["seen"] = True
    monkeypatch.setattr(type(request.session), "save", save)
    return middleware.process_response(request, HttpResponse("ok"))


def test_a_session_save_the_database_dropped_is_the_503_page_not_a_400(monkeypatch):
    response = _session_middleware_saving_with(
        monkeypatch, OperationalError("server closed the connection unexpectedly")
    )

    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in response.content.decode()


def test_a_session_deleted_meanwhile_is_still_djangos_400(monkeypatch):
    from django.contrib.sessions.exceptions import SessionInterrupted

    with pytest.raises(SessionInterrupted):
        _session_middleware_saving_with(monkeypatch, None)
