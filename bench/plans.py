"""EXPLAIN (ANALYZE, BUFFERS) of every hot filter and sort (issue 14), on a seeded database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/crc_bench .venv/bin/python bench/plans.py

Each query is the ORM query the pages and jobs run (or its core), for a realistic
person or case of the seeded data. Writes each full plan to bench/plans/<name>.txt and
prints one line per query: execution time, whether the plan reads a big table by a
sequential scan, and the index(es) it used. Read-only (EXPLAIN ANALYZE of SELECTs).
"""

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crc.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

import datetime as dt  # noqa: E402

from django.utils import timezone  # noqa: E402
from personas import busiest_case, first_of, officer_with_cases  # noqa: E402

from cases.models import (  # noqa: E402
    Appointment,
    Case,
    CaseStatus,
    Contact,
    Escalation,
    EscalationStatus,
    Registration,
    Review,
    ServiceCentreTask,
    TaskStatus,
)
from cases.selectors import spo_attention  # noqa: E402
from crc.access.models import AccessLog  # noqa: E402
from crc.access.policy import visible_cases  # noqa: E402
from crc.organisation.models import Role  # noqa: E402

OUT = ROOT / "bench" / "plans"


def queries():
    today = timezone.localdate()
    now = timezone.now()
    officer = officer_with_cases()
    spo = first_of(Role.SENIOR_PROBATION_OFFICER)
    team_ids = list(spo.managed_teams.values_list("pk", flat=True))
    case = busiest_case(officer)
    logged = AccessLog.objects.exclude(case_id=None).order_by("-id").values("case_id").first()
    yield (
        "caseload_by_officer",
        Case.objects.filter(responsible_officer=officer, status=CaseStatus.ACTIVE).order_by(
            "last_name", "first_name", "crn"
        )[:50],
    )
    yield (
        "team_caseload",
        visible_cases(spo, Case.objects.filter(team_id__in=team_ids, status=CaseStatus.ACTIVE))
        .select_related("responsible_officer")
        .order_by("last_name", "first_name", "crn")[:50],
    )
    visible = visible_cases(spo, Case.objects.filter(team_id__in=team_ids))
    yield (
        "spo_open_escalations",
        Escalation.objects.filter(case__in=visible)
        .exclude(status=EscalationStatus.CLOSED)
        .select_related("case")
        .order_by("raised_at"),
    )
    yield (
        "registrations_due_for_review",
        Registration.objects.filter(
            case__responsible_officer=officer,
            ended_on__isnull=True,
            next_review_date__lte=today + dt.timedelta(days=14),
        ).order_by("next_review_date"),
    )
    yield (
        "reviews_due_nightly",
        Review.objects.filter(status="due", due_on__lte=today + dt.timedelta(days=7)).order_by(
            "due_on"
        )[:500],
    )
    yield (
        "service_centre_tasks_due",
        ServiceCentreTask.objects.filter(status=TaskStatus.OPEN, due_date__lte=today).order_by(
            "due_date"
        )[:100],
    )
    yield (
        "absences_to_decide_nightly",
        Contact.objects.filter(
            acceptability_due_on__isnull=False, acceptability_decided_at__isnull=True
        ).order_by("acceptability_due_on")[:500],
    )
    yield (
        "timeline_contacts_by_case",
        Contact.objects.filter(case=case).order_by("-happened_at", "-id")[:50],
    )
    yield (
        "timeline_appointments_by_case",
        Appointment.objects.filter(case=case).order_by("-starts_at")[:50],
    )
    yield (
        "officer_diary_appointments",
        Appointment.objects.filter(
            with_staff=officer, status="booked", starts_at__gte=now
        ).order_by("starts_at")[:50],
    )
    if logged:
        yield (
            "access_log_by_case",
            AccessLog.objects.filter(case_id=logged["case_id"]).order_by("-at", "-id")[:50],
        )
    yield (
        "access_log_by_user",
        AccessLog.objects.filter(staff=officer).order_by("-at", "-id")[:50],
    )
    yield from _satellites(today)
    # spo_attention as a whole, for the record (several queries; first one explained).
    spo_attention(user=spo, team_ids=team_ids)


def _satellites(today):
    try:
        from unpaidwork.models import ProjectSession

        project_session = ProjectSession.objects.order_by("-id").values("project_id").first()
        if project_session:
            yield (
                "uw_sessions_by_project_and_date",
                ProjectSession.objects.filter(
                    project_id=project_session["project_id"],
                    date__gte=today - dt.timedelta(days=28),
                ).order_by("date"),
            )
    except (ImportError, Exception) as error:  # the satellite's schema may differ
        print(f"uw sessions: skipped ({error})")
    try:
        from resettlement.models import CustodyEpisode

        yield (
            "custody_by_release_date",
            CustodyEpisode.objects.filter(
                status="in_custody",
                expected_release_date__range=(today, today + dt.timedelta(days=84)),
            ).order_by("expected_release_date", "id")[:100],
        )
    except (ImportError, Exception) as error:
        print(f"custody episodes: skipped ({error})")
    try:
        from interventions.models import Referral

        provider = Referral.objects.order_by("id").values("service__provider_id").first()
        if provider:
            yield (
                "referrals_by_provider_and_status",
                Referral.objects.filter(
                    service__provider_id=provider["service__provider_id"], status="sent"
                ).order_by("-sent_at", "-id")[:50],
            )
    except (ImportError, Exception) as error:
        print(f"referrals: skipped ({error})")


def summary(plan: str) -> str:
    took = re.search(r"Execution Time: ([0-9.]+) ms", plan)
    seq = sorted(set(re.findall(r"Seq Scan on (\w+)", plan)))
    idx = sorted(set(re.findall(r"Index (?:Only )?Scan (?:Backward )?using (\w+)", plan)))
    return (
        f"{float(took.group(1)) if took else float('nan'):9.2f} ms  "
        f"seq: {', '.join(seq) or '-'}  index: {', '.join(idx) or '-'}"
    )


def main() -> None:
    OUT.mkdir(exist_ok=True)
    print(f"cases: {Case.objects.count():,}; contacts: {Contact.objects.count():,}")
    for name, queryset in queries():
        try:
            plan = queryset.explain(analyze=True, buffers=True)
        except Exception as error:  # noqa: BLE001 - report and go on
            print(f"{name:36} failed: {error}")
            continue
        (OUT / f"{name}.txt").write_text(f"{queryset.query}\n\n{plan}\n")
        print(f"{name:36} {summary(plan)}")


if __name__ == "__main__":
    main()
