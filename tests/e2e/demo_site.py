"""A whole demo site for the crawl: its own database, seeded by `seed_demo`, served by
`manage.py runserver` in a subprocess, as `make run` serves it to a new user.

Why not pytest-django's live_server: it flushes the database after every test, and the
crawl needs the full demo (every role, cases in every state, the satellites' records)
for all its tests; seeding it once per test would cost minutes.

The site gets a database of its own next to the test database: a PostgreSQL database
named `<test database>_crawl` when DATABASE_URL is PostgreSQL (CI), else an SQLite file
in a temporary folder. Nothing the crawl does touches the test database.
"""

from __future__ import annotations

import base64
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
# Generous: the demo seed takes about 45 s on a busy 2-core machine.
START_TIMEOUT_S = 300


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    role_label: str
    totp_secret: str

    def code(self) -> str:
        """The authenticator app's six-digit code now, by django-otp's own TOTP."""
        from django_otp.oath import totp

        key = base64.b32decode(self.totp_secret + "=" * (-len(self.totp_secret) % 8))
        return f"{totp(key):06d}"


@dataclass
class DemoSite:
    url: str
    accounts: list[DemoAccount]
    process: subprocess.Popen
    log_path: Path

    def one_account_per_role(self) -> dict[str, DemoAccount]:
        chosen: dict[str, DemoAccount] = {}
        for account in self.accounts:
            chosen.setdefault(account.role, account)
        return chosen

    def server_errors(self, lines: int = 80) -> str:
        """The server log without the lines of requests that succeeded."""
        ok = re.compile(r'" [23]\d\d \d+$')
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join([line for line in text if not ok.search(line)][-lines:])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(var_dir: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{var_dir / 'crawl.sqlite3'}"
    import psycopg2

    parsed = urlparse(url)
    name = f"{parsed.path.lstrip('/') or 'crc'}_crawl"
    admin = psycopg2.connect(
        host=parsed.hostname,
        port=parsed.port or 5432,
        user=parsed.username,
        password=parsed.password,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return parsed._replace(path=f"/{name}").geturl()


def _site_environment(var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            # The test settings: the production module with fast password hashing, so
            # seeding thirty accounts takes seconds; DEBUG as `make run` has it.
            "DJANGO_SETTINGS_MODULE": "crc.settings_test",
            "DEBUG": "1",
            "CRC_VAR_DIR": str(var_dir),
            "DATABASE_URL": _database_url(var_dir),
            "PYTHONUNBUFFERED": "1",
        }
    )
    # The site queues its alerts on the embedded broker in its own folder, never on the
    # test run's Redis, where a test's worker would pick them up.
    env.pop("CELERY_BROKER_URL", None)
    return env


def _manage(env: dict[str, str], log, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        check=True,
    )


def start_demo_site(var_dir: Path) -> DemoSite:
    var_dir.mkdir(parents=True, exist_ok=True)
    env = _site_environment(var_dir)
    log_path = var_dir / "server.log"
    log = log_path.open("w")
    try:
        _manage(env, log, "migrate", "--noinput", "-v0")
        _manage(env, log, "seed_demo", "--seed", "2026")
    except subprocess.CalledProcessError as error:
        log.close()
        raise RuntimeError(
            f"seeding the demo site failed: {error}\n{log_path.read_text()[-4000:]}"
        ) from error
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"the demo site did not start:\n{log_path.read_text()[-4000:]}")
        time.sleep(0.5)
    credentials = json.loads((var_dir / "demo-credentials.json").read_text())
    accounts = [
        DemoAccount(
            username=entry["username"],
            password=entry["password"],
            role=entry["role"],
            role_label=entry["role_label"],
            totp_secret=entry["totp_secret"],
        )
        for entry in credentials["staff"]
    ]
    return DemoSite(url=url, accounts=accounts, process=process, log_path=log_path)


def stop_demo_site(site: DemoSite) -> None:
    site.process.terminate()
    try:
        site.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        site.process.kill()
