"""Time the busiest pages against a seeded database, side by side.

    DEBUG=1 CRC_VAR_DIR=/tmp/london python manage.py seed_demo --scale london
    DEBUG=1 CRC_VAR_DIR=/tmp/london python bench/pages.py [--runs 15]

Runs in-process through Django's test client (no network), so the figures are the
server's own work: queries, rendering, access logging. Prints each page's median and its
query count. Run it against the small and the London database and compare the same page
side by side: the query counts must not change with the size of the database (the tests
assert that), and the medians should stay close. bench/RESULTS.md keeps the figures.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crc.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from personas import case_pages, first_of, officer_with_cases  # noqa: E402

from cases.models import Case  # noqa: E402
from crc.organisation.models import Role  # noqa: E402


def measure(client: Client, url: str, runs: int) -> tuple[float, int, int]:
    client.get(url, HTTP_HOST="127.0.0.1")  # warm-up
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_HOST="127.0.0.1")
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000, len(queries.captured_queries), response.status_code


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    officer = officer_with_cases()
    spo = first_of(Role.SENIOR_PROBATION_OFFICER)
    case = Case.objects.filter(responsible_officer=officer).order_by("pk").first()
    team_cases = Case.objects.filter(team__in=spo.managed_teams.all()).count()
    print(
        f"cases in the database: {Case.objects.count()}; the SPO's teams hold {team_cases}; "
        f"the officer holds {Case.objects.filter(responsible_officer=officer).count()}"
    )

    officer_client, spo_client = Client(), Client()
    officer_client.force_login(officer)
    spo_client.force_login(spo)
    pages = [
        ("my caseload", officer_client, "/cases/"),
        ("my caseload, sorted by tier", officer_client, "/cases/?sort=tier&order=desc"),
        ("team caseload", spo_client, "/cases/team/"),
        ("team caseload, page 5", spo_client, "/cases/team/?page=5"),
        *[(name, officer_client, url) for name, url in case_pages(case)],
    ]
    print(f"{'page':32} {'median ms':>10} {'queries':>8} {'status':>7}")
    for name, client, url in pages:
        median, queries, status = measure(client, url, args.runs)
        print(f"{name:32} {median:10.1f} {queries:8d} {status:7d}")


if __name__ == "__main__":
    main()
