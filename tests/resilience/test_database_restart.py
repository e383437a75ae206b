"""PostgreSQL restarted under a running web process: requests during the restart get
the service's own 503 page (never a stack trace, never a 500), the next ones succeed
with no restart of the app, and /healthz says 503 then 200.

Real services: a private PostgreSQL cluster (initdb + pg_ctl on a free port, because
the shared one must never be stopped) holding a copy of this test's database, and
gunicorn serving the app from it with persistent connections (CONN_MAX_AGE), the
harder case: every worker's connection dies with the restart.
"""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.test import Client

from tests.conftest import sign_in
from tests.resilience.conftest import database_url
from tests.resilience.services import free_port

pytestmark = pytest.mark.integration

UNAVAILABLE = "Sorry, the service is unavailable"


@pytest.fixture
def web(private_cluster, tmp_path):
    private_cluster.start()
    """gunicorn on a copy of this test's database (users and sessions included)."""

    def start(database_url: str) -> tuple[subprocess.Popen, str]:
        port = free_port()
        env = {
            **os.environ,
            "ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SETTINGS_MODULE": "crc.settings_test",
            "DATABASE_URL": database_url,
            "CONN_MAX_AGE": "60",
            "CELERY_BROKER_URL": "filesystem://",
            "CRC_VAR_DIR": str(tmp_path / "var"),
            "PYTHONPATH": str(settings.BASE_DIR),
        }
        log = (tmp_path / "gunicorn.log").open("w")
        process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"), "crc.wsgi", "-b",
                f"127.0.0.1:{port}", "-w", "2", "--timeout", "30",
            ],
            cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                requests.get(f"{base}/healthz", timeout=30)
                break
            except requests.RequestException:
                time.sleep(0.2)
        return process, base

    started = []

    def run(database_url: str):
        process, base = start(database_url)
        started.append(process)
        return process, base

    try:
        yield run
    finally:
        for process in started:
            process.terminate()
            process.wait(timeout=20)


def _signed_in_browser(person) -> requests.Session:
    client = Client()
    sign_in(client, person)
    browser = requests.Session()
    name = settings.SESSION_COOKIE_NAME
    browser.cookies.set(name, client.cookies[name].value, domain="127.0.0.1", path="/")
    return browser


def test_a_database_restart_gets_our_503_page_and_the_app_recovers_by_itself(
    private_cluster, web, officer, colleague, tmp_path
):
    # Two signed-in browsers (sessions in the database, copied with it).
    browsers = {person.username: _signed_in_browser(person) for person in (officer, colleague)}
    url = private_cluster.copy_database(database_url(), "crc_web")
    process, base = web(url)
    pid = process.pid

    def get(path: str, who: str = officer.username) -> requests.Response:
        # /healthz as a load balancer asks it: no session.
        browser = requests if path == "/healthz" else browsers[who]
        return browser.get(f"{base}{path}", timeout=20, allow_redirects=False)

    assert get("/healthz").status_code == 200
    assert get("/cases/").status_code == 200

    # Officers keep clicking while the database restarts.
    seen: list[tuple[int, str]] = []
    stop = threading.Event()

    def officers_clicking():
        while not stop.is_set():
            try:
                response = get("/cases/", colleague.username)
                seen.append((response.status_code, response.text))
            except requests.RequestException as exc:
                seen.append((0, repr(exc)))
            time.sleep(0.05)

    clicker = threading.Thread(target=officers_clicking)
    clicker.start()

    def clicker_sees_200(after: int) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(s == 200 for s, _ in seen[after:]):
            time.sleep(0.1)

    try:
        clicker_sees_200(after=0)
        private_cluster.stop(mode="fast")
        stopped_at = len(seen)
        down = get("/cases/")
        health_down = get("/healthz")
        time.sleep(1)
        private_cluster.start()
        clicker_sees_200(after=len(seen))
    finally:
        stop.set()
        clicker.join(timeout=30)

    assert down.status_code == 503
    assert UNAVAILABLE in down.text
    assert down.headers["Retry-After"]
    assert "Traceback" not in down.text and "OperationalError" not in down.text
    assert health_down.status_code == 503
    assert health_down.json()["database"] == "error"

    # The very next requests succeed, on the same processes (no restart of the app).
    assert get("/healthz").status_code == 200
    for _ in range(4):  # enough to reach both gunicorn workers' persistent connections
        after = get("/cases/")
        assert after.status_code == 200, after.text[-2000:]
    assert process.poll() is None and process.pid == pid

    statuses = [status for status, _ in seen]
    assert set(statuses) <= {200, 503}, (sorted(set(statuses)), seen[0][1][-1500:])
    assert statuses[0] == 200 and statuses[-1] == 200
    assert 503 in statuses[stopped_at:]
    assert all(UNAVAILABLE in text for status, text in seen if status == 503)
    log = (tmp_path / "gunicorn.log").read_text()
    assert "Worker exiting" not in log and "WORKER TIMEOUT" not in log
