"""A database that cannot be reached is an outage (503 and our own page), not a bug (500).

The restart itself, against a real PostgreSQL under a real web process, is in
test_database_restart.py; these check the handler without any service.
"""

import pytest
from django.db import InterfaceError, OperationalError
from django.test import RequestFactory

from crc import views

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
    assert response["Retry-After"] == str(views.RETRY_AFTER_SECONDS)
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
