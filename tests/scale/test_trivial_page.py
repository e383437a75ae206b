"""The trivial signed-in page's query budget (issue 14): the accessibility statement,
signed in with a verified second factor, through the same base layout as every page.

What every signed-in page pays before it does any work of its own, once the session's
once-a-minute refresh (SessionRefreshMiddleware) has nothing to write:
  1. the session row (database sessions: signing out deletes it, so it ends at once);
  2. the signed-in person (AuthenticationMiddleware; the session's hash is checked
     against it on every request, so a password change signs other sessions out);
  3. the unread-notification count in the header.
A line manager (an SPO) pays one more: the teams they manage, which the count's
case-visibility filter names (crc.access.policy.managed_team_ids, once per request).
The second factor costs nothing per request (SessionOTPMiddleware reads no device row),
nor does the navigation (the page table is code, not rows).
"""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import sign_in

PAGE = "/accessibility/"
BUDGET = 3
# As an IN list the planner can use the team index; as a subquery inside the OR of the
# role scope it could not, and every SPO list page would scan the cases table.
LINE_MANAGER_BUDGET = BUDGET + 1


@pytest.fixture(autouse=True)
def _production_refresh_interval(settings):
    # The test settings save the session on every request (crc/settings_test.py).
    settings.SESSION_REFRESH_SECONDS = 60


def _queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PAGE)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "budget"),
    [
        ("officer", BUDGET),
        ("area_manager", BUDGET),
        ("administrator", BUDGET),
        ("spo", LINE_MANAGER_BUDGET),
    ],
)
def test_the_trivial_signed_in_page_runs_three_queries(client, personas, persona, budget):
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False) as t:
        sign_in(client, getattr(personas, persona))
        _queries(client)  # the first request after sign-in stamps the session: one write
        t.shift(dt.timedelta(seconds=20))
        queries = _queries(client)
    assert len(queries) <= budget, "\n".join(queries)
    assert not [q for q in queries if "otp_" in q], "the second factor read a device row"
    assert not [q for q in queries if q.lstrip().upper().startswith(("UPDATE", "INSERT"))]


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
