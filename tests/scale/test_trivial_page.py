"""The trivial signed-in page's query budget (issue 14): the accessibility statement,
signed in with a verified second factor, through the same base layout as every page.

What every signed-in page pays before it does any work of its own, once the session's
once-a-minute refresh (SessionRefreshMiddleware) has nothing to write:
  1. the session row (database sessions: signing out deletes it, so it ends at once);
  2. the signed-in person (AuthenticationMiddleware; the session's hash is checked
     against it on every request, so a password change signs other sessions out);
  3. whether anything in the inbox is unread, for the header.
With something unread, the header's count is checked against the access policy (a
notification about a case the person may no longer see is not counted): one query
more, and for a line manager one more again, the teams they manage.
The second factor costs nothing per request (SessionOTPMiddleware reads no device row),
nor does the navigation (the page table is code, not rows).
"""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crc.notifications.selectors import notification_unread_count
from tests.conftest import sign_in
from tests.factories import NotificationFactory

PAGE = "/accessibility/"
BUDGET = 3
PERSONAS = ["officer", "spo", "area_manager", "administrator"]


@pytest.fixture(autouse=True)
def _production_refresh_interval(settings):
    # The test settings save the session on every request (crc/settings_test.py).
    settings.SESSION_REFRESH_SECONDS = 60


def _queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PAGE)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def _second_request(client, user) -> list[str]:
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False) as t:
        sign_in(client, user)
        _queries(client)  # the first request after sign-in stamps the session: one write
        t.shift(dt.timedelta(seconds=20))
        return _queries(client)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_the_trivial_signed_in_page_runs_three_queries(client, personas, persona):
    queries = _second_request(client, getattr(personas, persona))
    assert len(queries) == BUDGET, "\n".join(queries)
    assert not [q for q in queries if "otp_" in q], "the second factor read a device row"
    assert not [q for q in queries if q.lstrip().upper().startswith(("UPDATE", "INSERT"))]


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "more"), [("officer", 1), ("spo", 2)])
def test_an_unread_notification_is_counted_through_the_access_policy(
    client, personas, persona, more
):
    user = getattr(personas, persona)
    NotificationFactory(recipient=user, case_crn=personas.case.crn)
    queries = _second_request(client, user)
    assert len(queries) == BUDGET + more, "\n".join(queries)
    assert notification_unread_count(user=user) == 1


@pytest.mark.django_db
def test_the_budget_counts_the_session_write_once_a_minute(client, personas):
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False) as t:
        sign_in(client, personas.officer)
        _queries(client)
        t.shift(dt.timedelta(seconds=61))
        queries = _queries(client)
    writes = [q for q in queries if q.lstrip().upper().startswith("UPDATE")]
    assert len(writes) == 1 and "django_session" in writes[0]
    # The write is the only addition (plus its savepoint pair on a test transaction).
    assert len([q for q in queries if "SAVEPOINT" not in q]) == BUDGET + 1


@pytest.mark.django_db
def test_the_signed_out_page_reads_nothing(client):
    assert _queries(client) == []
