"""Reads with a shape for dashboards, workload and audits, each in a fixed number of
queries. Domain figures come from the sections the apps register (registry.py)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, QuerySet
from django.utils import timezone

from crc.access.policy import listable_cases
from crc.dashboards import rules
from crc.dashboards.models import (
    AuditAnswer,
    KeyQuestion,
    QualityAudit,
    StandardOverride,
    WorkloadCapacity,
    WorkloadPoints,
)
from crc.dashboards.registry import Figure, Table, Trend, case_provider, sections

# --- Dashboards ---------------------------------------------------------------------------


def dashboard_cases(user) -> QuerySet:
    """The cases a user's dashboard counts: their whole scope, restricted cases included
    (counted, and marked access_blocked so drill-down lists show the CRN only)."""
    return listable_cases(user, apps.get_model(settings.CRC_CASE_MODEL).objects.all())


@dataclass(frozen=True)
class SectionData:
    key: str
    title: str
    figures: list[Figure]
    trends: list[Trend]
    tables: list[Table]


def dashboard_sections(cases: QuerySet, *, today: dt.date | None = None) -> list[SectionData]:
    """Every registered section's figures, trends and tables over `cases`."""
    today = today or timezone.localdate()
    return [
        SectionData(
            key=section.key,
            title=section.title,
            figures=section.figures(cases, today=today),
            trends=section.trends(cases, today=today) if section.trends else [],
            tables=section.tables(cases, today=today) if section.tables else [],
        )
        for section in sections()
    ]


# --- Workload -----------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficerWorkload:
    officer: object
    workload: rules.Workload


@dataclass(frozen=True)
class WorkloadSummary:
    officers: list[OfficerWorkload]
    by_team: dict[int | None, dict[str, int]]  # team id -> {"cases": n, "points": n}
    total_cases: int
    total_points: int
    share_over_marker: int | None


def workload_by_officer(cases: QuerySet) -> WorkloadSummary:
    """Caseload and weighted workload per responsible officer over `cases`, with team
    totals and the share of officers over the 55-case marker (four queries)."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in case_provider().caseload_by_tier(cases):
        counts[row.officer_id][row.tier] = row.cases
    points = dict(WorkloadPoints.objects.values_list("tier", "points"))
    capacity = dict(WorkloadCapacity.objects.values_list("role", "points"))
    staff = get_user_model().objects.filter(pk__in=counts).select_related("team")
    officers = sorted(
        (
            OfficerWorkload(
                officer=person,
                workload=rules.weighted_workload(
                    counts[person.pk], points, capacity_points=capacity.get(person.role)
                ),
            )
            for person in staff
        ),
        key=lambda row: (-row.workload.points, row.officer.last_name, row.officer.pk),
    )
    by_team: dict[int | None, dict[str, int]] = defaultdict(lambda: {"cases": 0, "points": 0})
    for row in officers:
        team = by_team[row.officer.team_id]
        team["cases"] += row.workload.cases
        team["points"] += row.workload.points
    return WorkloadSummary(
        officers=officers,
        by_team=dict(by_team),
        total_cases=sum(row.workload.cases for row in officers),
        total_points=sum(row.workload.points for row in officers),
        share_over_marker=rules.share_over_marker(row.workload.cases for row in officers),
    )


# --- Audit results ------------------------------------------------------------------------


@dataclass(frozen=True)
class StandardResult:
    code: str
    title: str
    text: str
    rating: rules.StandardRating
    questions: list[tuple[KeyQuestion, rules.QuestionResult]]


def audit_results(audit: QualityAudit) -> list[StandardResult]:
    """The Annex 2 table for an audit: % yes and band per key question (risk-of-harm
    questions over the cases they apply to), each standard's computed rating as its
    lowest band, and any override with its reason beside it. Three queries."""
    tallies: dict[int, dict[str, int]] = defaultdict(dict)
    for question_id, answer, n in (
        AuditAnswer.objects.filter(sample__audit=audit)
        .values("question_id", "answer")
        .annotate(n=Count("pk"))
        .values_list("question_id", "answer", "n")
    ):
        tallies[question_id][answer] = n
    overrides = {o.standard: o for o in StandardOverride.objects.filter(audit=audit)}
    grouped: dict[str, list[tuple[KeyQuestion, rules.QuestionResult]]] = defaultdict(list)
    for question in KeyQuestion.objects.order_by("position"):
        answers = [a for a, n in tallies[question.pk].items() for _ in range(n)]
        grouped[question.standard].append((question, rules.question_result(question.code, answers)))
    results = []
    for standard, questions in grouped.items():
        override = overrides.get(standard)
        first = questions[0][0]
        results.append(
            StandardResult(
                code=standard,
                title=first.standard_title,
                text=first.standard_text,
                rating=rules.standard_rating(
                    standard,
                    [result for _q, result in questions],
                    override=rules.Band(override.rating) if override else None,
                    override_reason=override.reason if override else "",
                ),
                questions=questions,
            )
        )
    return results
