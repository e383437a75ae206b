"""Load test (issue 14): 50 people at once for 5 minutes against gunicorn on loopback.

    createdb -h 127.0.0.1 -U postgres -T crc_london floor_london     # a COPY: see below
    .venv/bin/python bench/load.py --database postgres://postgres@127.0.0.1:5432/floor_london \\
        --credentials var/demo-credentials.json [--users 50] [--time 5m] [--workers 3]

IT WRITES: officers record contacts (with their history, outbox rows and alerts), and
every sign-in writes a session and an access-attempt row. Run it only on a copy of a
seeded database, never on the one people use; it refuses `crc_london` and
`crc_national` by name. The credentials file is the one `seed_demo` wrote for that
database (staff with their authenticator secrets, partner clients with their secrets).

Starts gunicorn (3 sync workers, DEBUG off, CONN_MAX_AGE 600: persistent database
connections) on 127.0.0.1 and runs locust headless with bench/load_users.py:
officers (60%) signing in with their password and a TOTP code, browsing their caseload
and cases and recording contacts; SPOs (20%) on their work list, team caseload and
dashboards; partner systems (20%) polling their list endpoint with a client-credentials
token, rotating through the partner clients of every type that has one. Think time
1-5 s for staff, 2-10 s for partners.

Differences from production, all on purpose: plain http on loopback, so the cookies are
not marked Secure (and lose their __Host- names) and there is no HTTPS redirect; the
rest of the settings are production's. The load generator runs on the same 2 cores.

Reports throughput, p50/p95/p99 over everything but the sign-ins (reported apart),
each page's figures, errors by kind, and the gunicorn workers' CPU seconds per request.
Targets (issue 14): p95 < 300 ms with 50 users, no errors. Traffic only to 127.0.0.1;
stops by itself after --time. Needs `locust` (in the dev extras).
"""

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

import psutil
import psycopg2
from server import start_gunicorn  # bench/server.py

ROOT = Path(__file__).resolve().parent.parent
PROTECTED = {"crc_london", "crc_national"}
SIGN_IN = "sign-in"
# Partner type -> the list endpoint it polls (types with only write scopes poll nothing).
PARTNER_POLLS = {
    "police": "/api/v1/information-requests/",
    "childrens_social_care": "/api/v1/information-requests/",
    "resettlement_provider": "/api/v1/resettlement/plans/",
    "unpaid_work_host": "/api/v1/unpaid-work/sessions/",
    "intervention_provider": "/api/v1/interventions/referrals/",
}


def database_name(url: str) -> str:
    return urlparse(url).path.lstrip("/")


def plan(url: str, credentials: Path) -> dict:
    """Accounts from the credentials file that have something to browse: officers with
    active cases, SPOs with teams; partner clients of the types that poll."""
    data = json.loads(credentials.read_text())
    staff = {entry["username"]: entry for entry in data["staff"]}
    parsed = urlparse(url)
    with (
        psycopg2.connect(
            host=parsed.hostname or "127.0.0.1",
            port=parsed.port or 5432,
            user=parsed.username,
            password=parsed.password,
            dbname=database_name(url),
        ) as conn,
        conn.cursor() as cursor,
    ):
        cursor.execute(
            """SELECT s.username FROM organisation_staff s
               WHERE s.is_active AND EXISTS (SELECT 1 FROM cases_case c
                 WHERE c.responsible_officer_id = s.id AND c.status = 'active')
               ORDER BY s.id"""
        )
        officers = [staff[u] for (u,) in cursor.fetchall() if u in staff]
        cursor.execute(
            """SELECT s.username FROM organisation_staff s
               WHERE s.is_active AND s.role = 'spo' AND EXISTS (SELECT 1
                 FROM organisation_staff_managed_teams m WHERE m.staff_id = s.id)
               ORDER BY s.id"""
        )
        spos = [staff[u] for (u,) in cursor.fetchall() if u in staff]
        # A fresh copy has no planner statistics (the server here runs without
        # autovacuum): production's would. ANALYZE is safe, this is a copy.
        cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'cases_case'")
        if cursor.fetchone()[0] == 0:
            print("no planner statistics: ANALYZE", flush=True)
            conn.commit()
            conn.autocommit = True
            cursor.execute("ANALYZE")
    partners = [
        {**p, "poll": PARTNER_POLLS[p["type"]]}
        for p in data.get("partners", [])
        if p["type"] in PARTNER_POLLS
    ]
    officers = [o for o in officers if o["role"] in ("po", "pso")]
    return {"officers": officers, "spos": spos, "partners": partners}


def start_server(url: str, port: int, workers: int) -> subprocess.Popen:
    """gunicorn on the copy, plain HTTP on loopback (locust sends no X-Forwarded-Proto)."""
    return start_gunicorn(
        port,
        workers,
        {
            "DATABASE_URL": url,
            "CONN_MAX_AGE": "600",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
        },
    )


def cpu_seconds(process: subprocess.Popen) -> float:
    """User + system CPU of gunicorn's workers (and master) so far."""
    total = 0.0
    try:
        parent = psutil.Process(process.pid)
        for proc in [parent, *parent.children(recursive=True)]:
            times = proc.cpu_times()
            total += times.user + times.system
    except psutil.Error:
        pass
    return total


def percentile(ordered: list[float], q: float) -> float:
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(samples: list, seconds: float, cpu: float) -> dict:
    browsing = [s for s in samples if not s[0].startswith(SIGN_IN)]
    sign_ins = [s for s in samples if s[0].startswith(SIGN_IN)]
    times = sorted(ms for _, ms, _ in browsing)
    errors = Counter(kind for _, _, kind in samples if kind)
    errors_by_page = Counter((name, kind) for name, _, kind in samples if kind)
    summary = {
        "requests": len(browsing),
        "sign_in_requests": len(sign_ins),
        "seconds": round(seconds, 1),
        "throughput_rps": round(len(browsing) / seconds, 2) if seconds else 0,
        "p50_ms": round(percentile(times, 0.50)) if times else None,
        "p95_ms": round(percentile(times, 0.95)) if times else None,
        "p99_ms": round(percentile(times, 0.99)) if times else None,
        "errors": dict(errors),
        "cpu_seconds_per_request": round(cpu / len(samples), 3) if samples else None,
    }
    print(
        f"\n{summary['requests']} requests (+{len(sign_ins)} sign-in steps) in {seconds:.0f} s: "
        f"{summary['throughput_rps']} requests/s"
    )
    print(
        f"p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms, p99 {summary['p99_ms']} ms "
        "(sign-ins excluded)"
    )
    print(f"gunicorn CPU: {cpu:.0f} s, {summary['cpu_seconds_per_request']} s per request")
    by_name = defaultdict(list)
    for name, ms, _ in samples:
        by_name[name].append(ms)
    print(f"\n{'page':34} {'n':>6} {'median':>8} {'p95':>8} {'p99':>8}")
    for name in sorted(by_name):
        values = sorted(by_name[name])
        print(
            f"{name:34} {len(values):6d} {statistics.median(values):8.0f} "
            f"{percentile(values, 0.95):8.0f} {percentile(values, 0.99):8.0f}"
        )
    print("\nerrors by kind:" + ("" if errors else " none"))
    for (name, kind), count in errors_by_page.most_common():
        print(f"  {count:6d}  {kind}  ({name})")
    target = summary["p95_ms"] is not None and summary["p95_ms"] < 300 and not errors
    print(f"\ntarget (p95 < 300 ms, no errors): {'met' if target else 'missed'}")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--credentials", type=Path, default=ROOT / "var/demo-credentials.json")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--time", default="5m", help="locust's --run-time, e.g. 5m, 90s")
    parser.add_argument("--spawn-rate", type=float, default=2, help="users started a second")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args()

    url = args.database
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("--database: a PostgreSQL URL of a COPY of a seeded database")
    if database_name(url) in PROTECTED:
        raise SystemExit(
            f"{database_name(url)}: refused, the load test writes. Make a copy: "
            f"createdb -h 127.0.0.1 -U postgres -T {database_name(url)} <name>"
        )
    people = plan(url, args.credentials)
    print(
        f"{database_name(url)}: {len(people['officers'])} officers with cases, "
        f"{len(people['spos'])} SPOs, {len(people['partners'])} partner clients; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    with tempfile.TemporaryDirectory(prefix="crc-load-") as folder:
        plan_path, samples_path = Path(folder, "plan.json"), Path(folder, "samples.json")
        plan_path.write_text(json.dumps(people))
        server = start_server(url, args.port, args.workers)
        try:
            cpu_before, started = cpu_seconds(server), time.monotonic()
            log = Path(folder, "locust.log").open("w")  # noqa: SIM115 (closed below)
            finished = subprocess.run(
                [
                    str(ROOT / ".venv/bin/locust"),
                    "-f",
                    str(ROOT / "bench/load_users.py"),
                    "--headless",
                    "--users",
                    str(args.users),
                    "--spawn-rate",
                    str(args.spawn_rate),
                    "--run-time",
                    args.time,
                    "--host",
                    f"http://127.0.0.1:{args.port}",
                    "--only-summary",
                    "--stop-timeout",
                    "30",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=ROOT,
                env={**os.environ, "LOAD_PLAN": str(plan_path), "LOAD_SAMPLES": str(samples_path)},
                check=False,
                # Its own summary goes to a log: ours below is exact and sign-ins apart.
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            seconds, cpu = time.monotonic() - started, cpu_seconds(server) - cpu_before
            log.close()
            if finished.returncode not in (0, 1):  # 1: some requests failed, reported below
                print(Path(folder, "locust.log").read_text()[-4000:])
        finally:
            server.terminate()
            server.wait(timeout=60)
        samples = json.loads(samples_path.read_text()) if samples_path.exists() else []
    if not samples:
        raise SystemExit("no requests were recorded")
    summary = report(samples, seconds, cpu)
    summary.update(
        users=args.users, time=args.time, database=database_name(url), load=os.getloadavg()
    )
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
