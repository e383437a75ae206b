"""Ratios measured side by side in one run, so the machine's noise cancels (issue 14).

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/crc_bench   # a seeded database
    DEBUG=1 .venv/bin/python manage.py seed_demo --scale national --force
    .venv/bin/python bench/ratios.py [--runs 25] [--workers 3] [--port 8765]
    .venv/bin/python bench/ratios.py --only "SPO team caseload" dashboards   # a subset

Starts gunicorn on 127.0.0.1 (DEBUG off, persistent connections), signs people in by
writing their sessions (a verified second factor included, as after a real sign-in), and
then, round after round, requests every page once in turn: the bare floor view
(/healthz/floor, a constant), the trivial signed-in page (the accessibility statement,
through the same base layout as every page), the caseload, each case tab, the timeline,
the SPO's team caseload and home, the dashboards, the new apps' main pages and each
partner list endpoint. It prints each page's median and p95 (client-side time on
loopback, milliseconds) and its ratio to the trivial page, and the trivial page's ratio
to the floor. Targets (issue 14): pages within 3x the trivial page (median and p95),
the trivial page within 2x the floor.

Then, for the dashboards: the SQL each one runs (captured in-process) replayed in one
`psql` session with \\timing, and the page's median divided by that SQL time.

Only loopback traffic; stops by itself (bounded rounds). Needs psql on PATH.
"""

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crc.settings")
os.environ.setdefault("DEBUG", "1")  # this process only: gunicorn runs with DEBUG off
# Sessions are signed with SECRET_KEY: this process writes them, gunicorn reads them.
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from personas import busiest_case, case_pages, first_of, officer_with_cases  # noqa: E402
from server import start_gunicorn  # noqa: E402  (bench/server.py)

from cases.models import Case  # noqa: E402
from crc.organisation.middleware import SIGNED_IN_AT  # noqa: E402
from crc.organisation.models import Role  # noqa: E402

COOKIE = "__Host-sessionid"  # DEBUG off and secure cookies: the production name


def session_for(user) -> str:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if device is not None:
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store[SIGNED_IN_AT] = time.time()
    store.create()
    return store.session_key


def partner_token(port: int, path: Path | None = None) -> str | None:
    """A bearer token for the first partner in the demo credentials file, if any."""
    path = path or settings.VAR_DIR / "demo-credentials.json"
    if not path.exists():
        return None
    partners = json.loads(path.read_text()).get("partners") or []
    police = [p for p in partners if p["type"] == "police"] or partners
    if not police:
        return None
    p = police[0]
    body = (
        f"grant_type=client_credentials&client_id={p['client_id']}"
        f"&client_secret={p['client_secret']}&scope={' '.join(p['scopes'])}"
    )
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(
        "POST",
        "/o/token/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Forwarded-Proto": "https",
        },
    )
    response = conn.getresponse()
    data = response.read()
    if response.status != 200:
        print(f"partner token: {response.status} {data[:200]!r}", file=sys.stderr)
        return None
    return json.loads(data)["access_token"]


class Browser:
    """One keep-alive connection per persona."""

    def __init__(self, port: int, session: str | None = None, token: str | None = None):
        self.port, self.conn = port, None
        self.headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
        if session:
            self.headers["Cookie"] = f"{COOKIE}={session}"
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    def get(self, url: str) -> tuple[float, int]:
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        started = time.perf_counter()
        try:
            self.conn.request("GET", url, headers=self.headers)
            response = self.conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            return (time.perf_counter() - started) * 1000, 599
        elapsed = (time.perf_counter() - started) * 1000
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return elapsed, response.status


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def people():
    officer = officer_with_cases()
    return (
        officer,
        first_of(Role.SENIOR_PROBATION_OFFICER),
        first_of(Role.AREA_MANAGER),
        first_of(Role.QUALITY_PERFORMANCE_MANAGER),
        first_of(Role.UNPAID_WORK_COORDINATOR),
        first_of(Role.RESETTLEMENT_WORKER),
        first_of(Role.PROVIDER_CASEWORKER),
        busiest_case(officer),
    )


def pages(officer, spo, area_manager, qpm, uw, rw, pc, case):
    rows = [
        ("floor: bare view (constant)", None, "/healthz/floor"),
        ("trivial signed-in page", officer, "/accessibility/"),
        ("officer home (work list)", officer, "/"),
        ("my caseload", officer, "/cases/"),
        *[(name, officer, url) for name, url in case_pages(case)],
        ("SPO home (work list)", spo, "/"),
        ("SPO team caseload", spo, "/cases/team/"),
        ("dashboards (SPO)", spo, "/dashboards/"),
        ("dashboards (area manager)", area_manager, "/dashboards/"),
        ("dashboards (whole service)", qpm, "/dashboards/"),
        ("unpaid work projects", uw, "/unpaid-work/projects/"),
        ("resettlement caseload", rw, "/resettlement/caseload/"),
        ("provider home (interventions)", pc, "/interventions/provider/"),
    ]
    return [(name, who, url) for name, who, url in rows if who is not None or "floor" in name]


def dashboard_sql(user, url: str) -> list[str]:
    client = Client()
    client.force_login(user)
    session = client.session
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[SIGNED_IN_AT] = time.time()
    session.save()
    with CaptureQueriesContext(connection) as queries:
        client.get(url, HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    wanted = []
    for query in queries.captured_queries:
        sql = query["sql"]
        if sql.lstrip().upper().startswith("SELECT") and "django_session" not in sql:
            wanted.append(sql)
    return wanted


def psql_time(statements: list[str], repeats: int = 5, slowest: list | None = None) -> float:
    """Median over `repeats` of the summed \\timing of the statements, in ms. With
    `slowest`, it receives (ms, statement) of the last run, slowest first."""
    url = settings.DATABASES["default"]
    dsn = (
        f"host={url['HOST'] or '127.0.0.1'} port={url['PORT'] or 5432} "
        f"user={url['USER']} dbname={url['NAME']}"
    )
    totals = []
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write("\\timing on\n")
        for statement in statements:
            script.write(statement.rstrip(";") + ";\n")
    for _ in range(repeats + 1):
        out = subprocess.run(
            ["psql", dsn, "-q", "-o", "/dev/null", "-f", script.name],
            capture_output=True,
            text=True,
            # The app's own connection options (jit=off, crc/settings.py): like for like.
            env={
                **os.environ,
                "PGPASSWORD": url.get("PASSWORD") or "",
                "PGOPTIONS": url.get("OPTIONS", {}).get("options", ""),
            },
            check=False,
        )
        times = [float(t) for t in re.findall(r"Time: ([0-9.]+) ms", out.stdout + out.stderr)]
        totals.append(sum(times))
    if slowest is not None:
        slowest.extend(sorted(zip(times, statements, strict=False), reverse=True))
    os.unlink(script.name)
    return statistics.median(totals[1:])  # the first run warms the cache


STATISTICS_TABLES = ("cases_case", "cases_contact", "cases_review", "access_accesslog")


def tables_without_statistics() -> list[str]:
    """Tables the planner has no statistics for. A freshly seeded or copied database has
    none until ANALYZE (or autovacuum, which this machine's server runs with off), and
    the plans then assume a handful of rows: the figures would measure that."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t FROM unnest(%s::text[]) t "
            "WHERE NOT EXISTS (SELECT 1 FROM pg_stats s WHERE s.tablename = t)",
            [list(STATISTICS_TABLES)],
        )
        return [row[0] for row in cursor.fetchall()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        help="measure only the pages whose name contains one of these (case-insensitive); "
        "the floor and the trivial page are always measured, the ratios need them",
    )
    parser.add_argument(
        "--credentials",
        type=Path,
        help="the demo credentials seed_demo wrote for this database (partner clients); "
        "default: var/demo-credentials.json",
    )
    parser.add_argument(
        "--analyze",
        action="store_true",
        help="run ANALYZE first if the big tables have no planner statistics",
    )
    args = parser.parse_args()

    missing = tables_without_statistics()
    if missing and args.analyze:
        print(f"no planner statistics for {', '.join(missing)}: ANALYZE", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    elif missing:
        print(
            f"WARNING: no planner statistics for {', '.join(missing)} (never analyzed): "
            "the plans measured are not production's. Rerun with --analyze.",
            flush=True,
        )

    who = people()
    officer, spo, area_manager, qpm, *_rest, case = who
    print(
        f"cases: {Case.objects.count():,}; officer {officer.username} holds "
        f"{Case.objects.filter(responsible_officer=officer).count()}; case {case.crn} has "
        f"{case.contacts.count()} contacts"
    )
    rows = pages(*who)
    if args.only:
        wanted = [name.lower() for name in args.only]
        rows = rows[:2] + [
            row for row in rows[2:] if any(part in row[0].lower() for part in wanted)
        ]
        with_partner = any(part in "partner: information requests" for part in wanted)
    else:
        with_partner = True
    sessions = {user.pk: session_for(user) for _, user, _ in rows if user is not None}
    server = start_gunicorn(args.port, args.workers)
    try:
        token = partner_token(args.port, args.credentials) if with_partner else None
        browsers = {pk: Browser(args.port, session=key) for pk, key in sessions.items()}
        anonymous = Browser(args.port)
        if token and with_partner:
            partner = Browser(args.port, token=token)
            rows.append(
                ("partner: information requests", "partner", "/api/v1/information-requests/")
            )
        timings: dict[str, list[float]] = {name: [] for name, _, _ in rows}
        statuses: dict[str, int] = {}
        slow: set[str] = set()  # over 5 s in a warm-up: measured 3 times, not --runs
        for round_ in range(args.runs + 2):  # two warm-up rounds
            for name, user, url in rows:
                if name in slow and len(timings[name]) >= 3:
                    continue
                if user is None:
                    browser = anonymous
                elif user == "partner":
                    browser = partner
                else:
                    browser = browsers[user.pk]
                elapsed, status = browser.get(url)
                statuses[name] = status
                if round_ >= 2:
                    timings[name].append(elapsed)
                elif elapsed > 5000:
                    slow.add(name)
    finally:
        server.terminate()
        server.wait(timeout=30)

    floor = timings[rows[0][0]]
    trivial = timings[rows[1][0]]
    t_med, t_p95 = statistics.median(trivial), p95(trivial)
    print(f"\n{'page':34} {'status':>6} {'median':>8} {'p95':>8} {'x triv':>7} {'x p95':>7}")
    for name, _, _ in rows:
        values = timings[name]
        med, tail = statistics.median(values), p95(values)
        print(
            f"{name:34} {statuses[name]:>6} {med:8.1f} {tail:8.1f} "
            f"{med / t_med:7.2f} {tail / t_p95:7.2f}"
        )
    print(
        f"\ntrivial page / floor: median {t_med / statistics.median(floor):.2f}, "
        f"p95 {t_p95 / p95(floor):.2f}"
    )

    print(
        f"\n{'dashboard vs its SQL in psql':34} {'page':>8} {'sql':>8} {'ratio':>7} {'queries':>8}"
    )
    for name, user, url in rows:
        if not url.startswith("/dashboards/") or user is None:
            continue
        statements = dashboard_sql(user, url)
        slow: list = []
        sql_ms = psql_time(statements, slowest=slow)
        page_ms = statistics.median(timings[name])
        print(
            f"{name:34} {page_ms:8.1f} {sql_ms:8.1f} {page_ms / sql_ms:7.2f} {len(statements):8d}"
        )
        for ms, statement in slow[:2]:
            print(f"    {ms:9.1f} ms  {statement[:300]}")


if __name__ == "__main__":
    main()
