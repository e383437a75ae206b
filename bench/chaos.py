"""Chaos run: officers' journeys under load while Redis, a worker and PostgreSQL fail.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<a migrated database> \\
        .venv/bin/python bench/chaos.py [--seconds 180] [--officers 4]

Everything runs on PRIVATE services this script starts and ends itself (never the
shared PostgreSQL or Redis): a PostgreSQL cluster (initdb + pg_ctl, a copy of the
database named by DATABASE_URL, which only needs to be migrated), a redis-server
(broker and cache), gunicorn (2 workers) and a real Celery worker. Needs root or the
postgres user for the cluster, like tests/resilience.

Load: one thread per officer pair. Each signs in (session with a verified second
factor), opens the home page, the caseload, the inbox and its case, then, as the
team's SPO, reallocates the case to the other officer: an alert (inbox row and e-mail)
to the new holder. Faults, on a fixed schedule:

    Redis killed (no persistence: queued messages lost), restarted 20 s later
    the worker SIGKILLed mid-stream, a new one started 5 s later
    PostgreSQL restarted (fast shutdown, 5 s down)

The outbox sweep runs every 10 s from this script (beat runs it every 60 s in
production; the code is the same). At the end it waits for the outbox to drain and
reconciles, with the fault tests' ledger, what should have been delivered (every
outbox message's recipients) with what was (inbox rows, e-mails). Prints a Markdown
block for bench/RESULTS.md and exits 1 if anything was lost or duplicated or any error
happened outside a fault window.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import random
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.resilience.services import (  # noqa: E402
    PrivateCluster,
    PrivateRedis,
    Worker,
    free_port,
    worker_env,
)

# A fault window is the fault itself plus this long for the service to settle.
GRACE_SECONDS = 10
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Run:
    def __init__(self, seconds: int):
        self.seconds = seconds
        self.started = time.monotonic()
        self.requests: list[tuple[float, str, str]] = []  # (t, step, outcome)
        self.windows: list[tuple[str, float, float]] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        # The script's own sweeps (not users' requests) that failed during a fault.
        self.sweep_errors: collections.Counter = collections.Counter()

    def now(self) -> float:
        return time.monotonic() - self.started

    def record(self, step: str, outcome: str) -> None:
        with self.lock:
            self.requests.append((self.now(), step, outcome))

    def in_window(self, t: float) -> str:
        for name, start, end in self.windows:
            if start <= t <= end + GRACE_SECONDS:
                return name
        return ""


def outcome_of(call) -> tuple[str, requests.Response | None]:
    try:
        response = call()
    except requests.Timeout:
        return "timeout", None
    except requests.ConnectionError:
        return "connection refused", None
    return str(response.status_code), response


def journey(run: Run, base: str, browsers: dict, case_crn: str, holders: list) -> None:
    """One SPO and two officers working one case until the run ends."""
    turn = 0
    pages = ["/", "/cases/", "/notifications/", f"/cases/{case_crn}/"]
    while not run.stop.is_set():
        for browser in browsers.values():
            for page in pages:
                status, _ = outcome_of(lambda: browser.get(base + page, timeout=30))  # noqa: B023
                run.record(f"GET {page.split('/')[1] or 'home'}", status)
        spo = browsers["spo"]
        url = f"{base}/cases/{case_crn}/allocate/"
        status, page = outcome_of(lambda: spo.get(url, timeout=30))  # noqa: B023
        run.record("GET allocate", status)
        if page is not None and page.status_code == 200:
            token = CSRF.search(page.text)
            data = {
                "csrfmiddlewaretoken": token[1] if token else "",
                "officer": str(holders[turn % 2]),
                "reason": "Cover while on leave",
            }
            status, response = outcome_of(
                lambda: spo.post(url, data=data, timeout=30, allow_redirects=False)  # noqa: B023
            )
            if response is not None and response.status_code == 200:
                status = "200 (form error)"
            run.record("POST allocate", status)
            if status == "302":
                turn += 1
        time.sleep(0.2)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=180)
    parser.add_argument("--teams", type=int, default=3, help="SPO + two officers + a case each")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    source = os.environ.get("DATABASE_URL", "")
    if not source.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a migrated PostgreSQL database to copy")

    tmp = Path(tempfile.mkdtemp(prefix="crc-chaos-"))
    cluster = PrivateCluster()
    cluster.init()
    cluster.start()
    redis = PrivateRedis(folder=tmp / "redis")
    redis.start()
    processes = []
    try:
        database_url = cluster.copy_database(source, "crc_chaos")
        print(f"chaos: private PostgreSQL :{cluster.port}, Redis :{redis.port}, folder {tmp}")
        common = {
            "DJANGO_SETTINGS_MODULE": "crc.settings_test",
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": redis.url(0),
            "REDIS_URL": redis.url(1),
            "CONN_MAX_AGE": "60",
            "CRC_VAR_DIR": str(tmp / "var"),
        }
        os.environ.update(common)
        import django

        django.setup()
        from django.db import connection

        connection.close()
        teams = seed(args.teams)
        from crc.celery import app as celery_app

        celery_app.conf.broker_transport_options = {
            "socket_connect_timeout": 2,
            "socket_timeout": 5,
            "visibility_timeout": 30,
        }

        port = free_port()
        import subprocess

        web_log = (tmp / "web.log").open("w")
        web = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "crc.wsgi", "-b",
             f"127.0.0.1:{port}", "-w", "2", "--timeout", "60"],
            cwd=REPO, env={**os.environ, "ALLOWED_HOSTS": "127.0.0.1", "PYTHONPATH": str(REPO)},
            stdout=web_log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        processes.append(web)
        base = f"http://127.0.0.1:{port}"
        email_dir = tmp / "mail"
        email_dir.mkdir()
        env = worker_env(
            database_url=database_url,
            broker_url=redis.url(0),
            email_dir=email_dir,
            var_dir=tmp / "var",
            transport_options=json.dumps(
                {"socket_connect_timeout": 2, "socket_timeout": 5, "visibility_timeout": 30}
            ),
            cache_url=redis.url(1),
        )
        workers = [Worker(env=env, log=tmp / "worker.log", queue="celery", email_dir=email_dir)]
        workers[0].start()
        wait_up(base)

        run = Run(args.seconds)
        threads = []
        for team in teams:
            browsers = {who: browser_for(user) for who, user in team["people"].items()}
            thread = threading.Thread(
                target=journey, args=(run, base, browsers, team["crn"], team["holders"])
            )
            thread.start()
            threads.append(thread)
        sweeper = threading.Thread(target=sweep_every, args=(run, 10))
        sweeper.start()

        faults(run, redis, cluster, workers)
        while run.now() < args.seconds:
            time.sleep(1)
        run.stop.set()
        for thread in threads:
            thread.join(timeout=60)
        ended = run.now()
        drained = drain(run, timeout=240)
        sweeper_stop(run, sweeper)
        report = reconcile(run, email_dir, ended, drained)
        print(report["markdown"])
        (tmp / "chaos.json").write_text(json.dumps(report, indent=2, default=str))
        return 0 if report["ok"] else 1
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
        for worker in locals().get("workers", []):
            worker.stop()
        redis.stop()
        if not args.keep:
            cluster.destroy()


def seed(count: int) -> list[dict]:
    from cases.models import GridPhase
    from crc.organisation.models import Role
    from tests.factories import (
        AreaFactory,
        CaseFactory,
        GridRuleFactory,
        OfficeFactory,
        StaffFactory,
        TeamFactory,
    )

    # Names of their own: the copied database may already hold factory-made rows.
    tag = str(random.randrange(100000, 900000))
    area = AreaFactory(name=f"Chaos area {tag}", code=f"chaos-{tag}")
    office = OfficeFactory(area=area, name=f"Chaos office {tag}", code=f"chaos-{tag}")
    teams = []
    for n in range(count):
        team = TeamFactory(office=office, name=f"Chaos team {tag}-{n}", code=f"chaos-{tag}-{n}")
        spo = StaffFactory(
            username=f"chaos-spo-{tag}-{n}", role=Role.SENIOR_PROBATION_OFFICER, team=team
        )
        spo.managed_teams.add(team)
        first = StaffFactory(
            username=f"chaos-po-{tag}-{n}a", team=team, email=f"po{tag}{n}a@crc.example"
        )
        second = StaffFactory(
            username=f"chaos-po-{tag}-{n}b", team=team, email=f"po{tag}{n}b@crc.example"
        )
        case = CaseFactory(
            crn=f"{'XYZ'[n % 3]}{int(tag) + n // 3:06d}", team=team, responsible_officer=first
        )
        for phase in GridPhase.values:
            GridRuleFactory(tier=case.tier, phase=phase)
        teams.append(
            {
                "crn": case.crn,
                "people": {"spo": spo, "first": first, "second": second},
                "holders": [second.pk, first.pk],
            }
        )
    return teams


def browser_for(user) -> requests.Session:
    """A signed-in browser: a session with a verified second factor, as tests make."""
    from django.conf import settings
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="Chaos", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    browser = requests.Session()
    browser.cookies.set(settings.SESSION_COOKIE_NAME, session.session_key, domain="127.0.0.1")
    return browser


def wait_up(base: str) -> None:
    for _ in range(300):
        try:
            if requests.get(f"{base}/healthz", timeout=30).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise SystemExit("chaos: the web process did not come up")


def faults(run: Run, redis, cluster, workers: list) -> None:
    """Inject the faults on a schedule scaled to the run's length (in a thread)."""

    def at(fraction: float) -> None:
        while run.now() < run.seconds * fraction and not run.stop.is_set():
            time.sleep(0.2)

    def schedule():
        at(0.15)
        start = run.now()
        redis.stop()
        time.sleep(20)
        redis.start()
        run.windows.append(("Redis killed 20 s", start, run.now()))
        at(0.45)
        start = run.now()
        workers[-1].kill()
        time.sleep(5)
        replacement = Worker(
            env=workers[-1].env,
            log=workers[-1].log,
            queue="celery",
            email_dir=workers[-1].email_dir,
        )
        replacement.start()
        workers.append(replacement)
        run.windows.append(("worker SIGKILLed, replaced 5 s later", start, run.now()))
        at(0.7)
        start = run.now()
        cluster.stop(mode="fast")
        time.sleep(5)
        cluster.start()
        run.windows.append(("PostgreSQL restarted (5 s down)", start, run.now()))

    threading.Thread(target=schedule, daemon=True).start()


def sweep_every(run: Run, seconds: float) -> None:
    from django.db import close_old_connections

    from crc.notifications import services

    while not getattr(run, "sweeper_done", False):
        try:
            services.outbox_sweep(stale_after=dt.timedelta(seconds=30))
        except Exception as exc:  # the database or the broker is the fault being injected
            run.sweep_errors[type(exc).__name__] += 1
        finally:
            close_old_connections()
        time.sleep(seconds)


def sweeper_stop(run: Run, sweeper: threading.Thread) -> None:
    run.sweeper_done = True
    sweeper.join(timeout=60)


def drain(run: Run, timeout: float) -> float:
    from django.db import connection

    from crc.notifications.models import OutboxMessage

    connection.close()  # it died with the PostgreSQL restart
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not OutboxMessage.objects.filter(delivered_at__isnull=True).exists():
            return run.now()
        time.sleep(1)
    return -1


def reconcile(run: Run, email_dir: Path, ended: float, drained: float) -> dict:
    from cases.models import Allocation
    from crc.notifications.models import Notification, OutboxMessage
    from tests.resilience.ledger import reconcile as ledger_reconcile

    rows = {n.pk: (str(n.source_message_id), n.recipient_id) for n in Notification.objects.all()}
    text = "".join(p.read_text() for p in sorted(email_dir.glob("*.log")))
    emails = [
        rows.get(int(m[1]), ("unknown", m[1]))
        for part in text.split("-" * 79)
        if (m := re.search(r"/notifications/(\d+)/", part))
    ]
    expected = [
        (str(m.pk), r) for m in OutboxMessage.objects.all() for r in m.payload["recipient_ids"]
    ]
    inbox_ledger = ledger_reconcile(expected, rows.values())
    email_ledger = ledger_reconcile(expected, emails)
    outcomes = collections.Counter(o for _, _, o in run.requests)
    errors = [(t, step, o) for t, step, o in run.requests if not o.startswith(("200", "302"))]
    by_kind = collections.Counter(o for _, _, o in errors)
    by_window = collections.Counter(f"{run.in_window(t) or 'no fault'}: {o}" for t, _, o in errors)
    outside = [e for e in errors if not run.in_window(e[0])]
    allocations_ok = sum(1 for _, s, o in run.requests if s == "POST allocate" and o == "302")
    allocations = Allocation.objects.filter(reason="Cover while on leave").count()
    ok = inbox_ledger.ok and email_ledger.ok and not outside and drained >= 0
    lines = [
        f"Load: {len(run.requests)} requests in {ended:.0f} s; outcomes {dict(outcomes)}",
        f"Errors by kind: {dict(by_kind) or 'none'}; outside a fault window: {len(outside)}",
        f"Errors by fault window: {dict(by_window) or 'none'}",
        f"Fault windows (s from start, +{GRACE_SECONDS} s grace): "
        + "; ".join(f"{n} {a:.0f}-{b:.0f}" for n, a, b in run.windows),
        f"The script's own sweeps that failed (during faults): {dict(run.sweep_errors)}",
        f"Reallocations answered 302: {allocations_ok}; allocation rows: {allocations}",
        f"Inbox: {inbox_ledger.summary()}",
        f"E-mails: {email_ledger.summary()}",
        f"Outbox drained at {drained:.0f} s" if drained >= 0 else "Outbox NOT drained",
        "Errors outside windows: " + json.dumps(outside[:10]),
    ]
    return {
        "ok": ok,
        "markdown": "\n".join(f"- {line}" for line in lines),
        "requests": len(run.requests),
        "errors_by_kind": by_kind,
        "errors_by_window": by_window,
        "windows": run.windows,
    }


if __name__ == "__main__":
    sys.exit(main())
