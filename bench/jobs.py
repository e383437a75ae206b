"""Every nightly/weekly job end to end, against the raw SQL that selects what it acts on.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/crc_bench .venv/bin/python bench/jobs.py
    .venv/bin/python bench/jobs.py --database postgres://postgres@127.0.0.1:5432/crc_bench \
        --only cases.review_overdue_alerts unpaidwork.no_session_alerts

`--database` overrides DATABASE_URL; `--only` runs the named tasks (as in the beat
schedule, e.g. cases.review_overdue_alerts; a name without a dot matches any task
ending in it) instead of all of them; `--repeats N` times each first SELECT N times in psql
after a warm-up run (default 3).

Runs each task in the beat schedule in-process, inside a transaction that is rolled back
afterwards (the benchmark database stays as it was; outbox deliveries, which go out on
commit, never leave). For each: wall time end to end, the number of queries, and the
first SELECT it ran (the selection of what it acts on) timed in `psql` in the same run,
and the ratio of the two. Target (issue 14): every job under 60 s nationally.
"""

import argparse
import os
import sys
import time
from pathlib import Path


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", help="a PostgreSQL URL (default: $DATABASE_URL)")
    parser.add_argument("--only", nargs="+", metavar="TASK", help="run only these tasks")
    parser.add_argument(
        "--repeats", type=int, default=3, help="psql timings of each first SELECT (median)"
    )
    return parser.parse_args()


# Parsed before Django is set up (by importing ratios): --database must be in the
# environment when the settings read DATABASE_URL.
ARGS = parse_args()
if ARGS.database:
    os.environ["DATABASE_URL"] = ARGS.database

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import ratios  # noqa: E402  (sets Django up; psql_time)
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from crc.celery import app as celery_app  # noqa: E402


class Rollback(Exception):
    pass


def run(name: str) -> tuple[float, list[str], object]:
    task = celery_app.tasks[name]
    # The debug query log is a deque of 9,000: emptied per job, else a long job fills it
    # and the next job's capture comes out empty.
    connection.queries_log.clear()
    started = time.perf_counter()
    result = None
    try:
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            result = task.run()
            elapsed = time.perf_counter() - started
            raise Rollback
    except Rollback:
        pass
    selects = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))
    ]
    return elapsed, selects, result


def chosen(names: list[str], only: list[str] | None) -> list[str]:
    if not only:
        return names
    picked = [
        name
        for name in names
        if any(name == want or ("." not in want and name.endswith(f".{want}")) for want in only)
    ]
    unknown = [
        want
        for want in only
        if not any(name == want or name.endswith(f".{want}") for name in picked)
    ]
    if unknown:
        sys.exit(f"Not in the beat schedule: {', '.join(unknown)}")
    return picked


def main() -> None:
    celery_app.loader.import_default_modules()
    names = sorted({entry["task"] for entry in celery_app.conf.beat_schedule.values()})
    names = chosen(names, ARGS.only)
    print(f"database {connection.settings_dict['NAME']}", flush=True)
    print(f"{'job':48} {'s':>7} {'queries':>8} {'1st SELECT ms':>14} {'ratio':>7} result")
    for name in names:
        if name not in celery_app.tasks:
            print(f"{name:48} not registered")
            continue
        elapsed, selects, result = run(name)
        first_ms = ratios.psql_time(selects[:1], repeats=ARGS.repeats) if selects else float("nan")
        ratio = elapsed * 1000 / first_ms if selects and first_ms else float("nan")
        print(
            f"{name:48} {elapsed:7.2f} {len(selects):8d} {first_ms:14.1f} {ratio:7.1f} {result}",
            flush=True,
        )


if __name__ == "__main__":
    main()
