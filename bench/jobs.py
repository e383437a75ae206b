"""Every nightly/weekly job end to end, against the raw SQL that selects what it acts on.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/crc_bench .venv/bin/python bench/jobs.py

Runs each task in the beat schedule in-process, inside a transaction that is rolled back
afterwards (the benchmark database stays as it was; outbox deliveries, which go out on
commit, never leave). For each: wall time end to end, the number of queries, and the
first SELECT it ran (the selection of what it acts on) timed in `psql` in the same run,
and the ratio of the two. Target (issue 14): every job under 60 s nationally.
"""

import sys
import time
from pathlib import Path

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


def main() -> None:
    celery_app.loader.import_default_modules()
    names = sorted({entry["task"] for entry in celery_app.conf.beat_schedule.values()})
    print(f"{'job':48} {'s':>7} {'queries':>8} {'1st SELECT ms':>14} {'ratio':>7} result")
    for name in names:
        if name not in celery_app.tasks:
            print(f"{name:48} not registered")
            continue
        elapsed, selects, result = run(name)
        first_ms = ratios.psql_time(selects[:1], repeats=3) if selects else float("nan")
        ratio = elapsed * 1000 / first_ms if selects and first_ms else float("nan")
        print(f"{name:48} {elapsed:7.2f} {len(selects):8d} {first_ms:14.1f} {ratio:7.1f} {result}")


if __name__ == "__main__":
    main()
