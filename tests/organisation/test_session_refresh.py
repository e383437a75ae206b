"""The session row is written at most once a minute, not on every request; activity
still extends the idle expiry, and "Stay signed in" always does."""

import datetime as dt

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import sign_in

PAGE = "/accessibility/"


@pytest.fixture(autouse=True)
def _production_refresh_interval(settings):
    # The test settings save on every request (crc/settings_test.py); this is the rule.
    settings.SESSION_REFRESH_SECONDS = 60


def _session_writes(client, url: str, method: str = "get") -> int:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url)
    assert response.status_code in (200, 204)
    return sum(
        1
        for q in queries.captured_queries
        if "django_session" in q["sql"] and q["sql"].lstrip().upper().startswith("UPDATE")
    )


def _expiry(client) -> dt.datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_busy_minute_writes_the_session_once_and_the_next_minute_extends_it(client, personas):
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False) as t:
        sign_in(client, personas.officer)
        first = _session_writes(client, PAGE)
        expiry = _expiry(client)
        t.shift(dt.timedelta(seconds=20))
        again = [_session_writes(client, PAGE) for _ in range(3)]
        assert _expiry(client) == expiry
        t.shift(dt.timedelta(seconds=45))
        later = _session_writes(client, PAGE)
    assert first == 1  # the first request after sign-in stamps it
    assert again == [0, 0, 0]  # within the minute: no write
    assert later == 1
    assert _expiry(client) == expiry + dt.timedelta(seconds=65)


def test_stay_signed_in_always_extends_the_session(client, personas):
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False) as t:
        sign_in(client, personas.officer)
        _session_writes(client, PAGE)
        expiry = _expiry(client)
        t.shift(dt.timedelta(seconds=10))
        writes = _session_writes(client, reverse("session_keep_alive"))
        assert writes == 1
        assert _expiry(client) == expiry + dt.timedelta(seconds=10)


def test_an_anonymous_visit_writes_no_session(client, db):
    assert _session_writes(client, PAGE) == 0
