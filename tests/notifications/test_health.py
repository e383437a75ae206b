"""/healthz: 200 when the database and the broker answer, 503 otherwise, no details."""

import pytest
from django.db import OperationalError
from django.urls import reverse

from crc import health
from tests.notifications.brokers import UNREACHABLE_BROKER_URL, celery_broker

HEALTHZ = reverse("healthz")


def test_it_is_healthy_when_the_database_and_broker_answer(client, db):
    response = client.get(HEALTHZ)
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok", "status": "ok"}


def test_it_needs_no_sign_in_and_is_never_cached(client, db):
    response = client.get(HEALTHZ)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


def test_an_unreachable_broker_is_a_503_without_details(client, db, caplog):
    with celery_broker(UNREACHABLE_BROKER_URL):
        response = client.get(HEALTHZ)
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "broker": "error", "status": "error"}
    assert "Connection refused" not in response.content.decode()
    assert "the broker is unreachable" in caplog.text  # the detail goes to the log


def test_a_missing_broker_folder_is_a_503(client, db, tmp_path):
    options = {"data_folder_in": str(tmp_path / "gone"), "data_folder_out": str(tmp_path / "gone")}
    with celery_broker("filesystem://", options):
        response = client.get(HEALTHZ)
    assert response.status_code == 503
    assert response.json()["broker"] == "error"


def test_an_unreachable_database_is_a_503(client, db, monkeypatch, caplog):
    class BrokenCursor:
        def __enter__(self):
            raise OperationalError("could not connect to server")

        def __exit__(self, *exc):
            return False

    with monkeypatch.context() as patch:
        patch.setattr(health.connection, "cursor", lambda: BrokenCursor())
        response = client.get(HEALTHZ)
    assert response.status_code == 503
    assert response.json() == {"database": "error", "broker": "ok", "status": "error"}
    assert "could not connect" not in response.content.decode()
    assert "the database is unreachable" in caplog.text


@pytest.mark.parametrize(
    ("database", "broker", "status"), [(True, False, 503), (False, True, 503), (False, False, 503)]
)
def test_any_dependency_down_makes_it_unhealthy(client, db, monkeypatch, database, broker, status):
    monkeypatch.setattr(health, "database_ok", lambda: database)
    monkeypatch.setattr(health, "broker_ok", lambda: broker)
    assert client.get(HEALTHZ).status_code == status
