"""Session lifetime, lockouts and throttles (issue 9, findings 9 and 10)."""

import base64
import datetime as dt
import logging

import pytest
import time_machine
from django.test import Client, RequestFactory
from django.utils import timezone

from crc.organisation.client_ip import client_ip
from crc.organisation.models import SecurityEvent
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def sign_in(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


# --- Absolute session lifetime ------------------------------------------------------


def test_a_busy_session_still_ends_twelve_hours_after_sign_in(client, officer, settings):
    assert settings.SESSION_ABSOLUTE_AGE == 12 * 60 * 60
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client.force_login(officer)
        # Active every 25 minutes, so the 30-minute idle timeout never fires.
        for _ in range(28):  # 11 h 40 min
            traveller.shift(dt.timedelta(minutes=25))
            assert client.get("/").status_code == 200
        traveller.shift(dt.timedelta(minutes=25))  # 12 h 5 min after sign-in

        response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert "_auth_user_id" not in client.session


def test_the_idle_timeout_still_applies(client, officer, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client.force_login(officer)
        traveller.shift(dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60))

        response = client.get("/")

    assert response.status_code == 302


# --- The client's address -----------------------------------------------------------


def test_x_forwarded_for_is_ignored_unless_a_proxy_is_trusted(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "172.18.0.5"

    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"


def test_a_forged_x_forwarded_for_entry_is_not_believed(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote 1.2.3.4; our proxy appended the address it really saw.
    request = RequestFactory().get(
        "/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7"
    )
    assert client_ip(request) == "198.51.100.7"
    garbage = RequestFactory().get("/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="x")
    assert client_ip(garbage) == "172.18.0.5"


# --- Lockout by username, throttle by address ---------------------------------------


def test_an_account_locks_after_repeated_failures_from_any_addresses(client, officer):
    for n in range(5):
        sign_in(client, "officer", "wrong-password", address=f"10.0.{n}.1")

    response = sign_in(client, "officer", address="10.9.9.9")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_someone_elses_failures_from_the_same_address_do_not_lock_an_account(client, officer):
    for _ in range(5):
        sign_in(client, "somebody-else", "wrong-password", address="10.0.0.1")

    response = sign_in(client, "officer", address="10.0.0.1")

    assert response.status_code == 302


def test_one_password_sprayed_across_usernames_is_stopped_by_address(client, officer, settings):
    limit = settings.SIGN_IN_IP_FAILURE_LIMIT
    for n in range(limit):
        sign_in(client, f"user{n}", "Summer2026!", address="198.51.100.7")

    sprayed = sign_in(client, "officer", address="198.51.100.7")
    elsewhere = sign_in(Client(), "officer", address="10.1.1.1")

    assert sprayed.status_code == 429
    assert "too many wrong sign-in attempts from your network" in sprayed.content.decode()
    assert elsewhere.status_code == 302
    assert SecurityEvent.objects.filter(kind="ip_throttled", ip_address="198.51.100.7").exists()


def test_the_address_comes_from_the_proxy_header_when_a_proxy_is_trusted(client, officer, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(settings.SIGN_IN_IP_FAILURE_LIMIT):
        client.post(
            "/login/",
            {"username": f"user{n}", "password": "x"},
            REMOTE_ADDR="172.18.0.5",
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        )

    other_person = client.post(
        "/login/",
        {"username": "officer", "password": PASSWORD},
        REMOTE_ADDR="172.18.0.5",
        HTTP_X_FORWARDED_FOR="203.0.113.50",
    )

    # Everyone behind the proxy is not punished for one address's spraying.
    assert other_person.status_code == 302


def test_every_lockout_is_logged_and_recorded(client, officer, caplog):
    with caplog.at_level(logging.WARNING, logger="crc.security"):
        for _ in range(5):
            sign_in(client, "officer", "wrong-password")

    assert any(
        record.levelno == logging.WARNING and "locked out" in record.getMessage()
        for record in caplog.records
    )
    event = SecurityEvent.objects.get(kind="lockout")
    assert event.username == "officer" and event.staff == officer


# --- The OAuth2 token endpoint ------------------------------------------------------


def _basic(client_id: str) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:wrong-secret".encode()).decode()


def test_the_token_endpoint_is_throttled_per_client_id(client, settings):
    settings.TOKEN_RATE_PER_CLIENT = 3
    statuses = [
        client.post(
            "/o/token/",
            {"grant_type": "client_credentials"},
            HTTP_AUTHORIZATION=_basic("guessed-client"),
            REMOTE_ADDR=f"10.0.0.{n}",
        ).status_code
        for n in range(5)
    ]

    assert statuses[:3] == [401, 401, 401]
    assert statuses[3:] == [429, 429]
    assert SecurityEvent.objects.filter(kind="token_throttled").count() == 1


def test_the_token_endpoint_is_throttled_per_address(client, settings):
    settings.TOKEN_RATE_PER_IP = 3
    statuses = [
        client.post(
            "/o/token/",
            {"grant_type": "client_credentials", "client_id": f"client-{n}"},
            REMOTE_ADDR="203.0.113.4",
        ).status_code
        for n in range(4)
    ]

    assert statuses[-1] == 429
    assert 429 not in statuses[:3]


def test_a_new_account_is_not_locked_by_an_old_ones_failures(client, db):
    person = StaffFactory(username="fresh")
    assert sign_in(client, person.username).status_code == 302
