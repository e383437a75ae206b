"""Supervision measures for the dashboards (issue 13), as public selector functions.

crc.dashboards never imports this package: `register_dashboard_sections()`, called from
CasesConfig.ready(), registers the supervision section (figures, the cases behind each,
monthly trends, data quality by team) and the case provider (caseloads by tier for
workload, the audit population, audit findings as oversight). The definitions of each
figure are in figures.py.
"""

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from cases.measures.audit import audit_finding_record, audit_population
from cases.measures.figures import (
    DATA_QUALITY_FIGURES,
    GRID_SHORT,
    SUPERVISION_FIGURES,
    caseload_by_officer_and_tier,
    cases_behind,
    data_quality_by_team,
    figure_counts,
    grid_compliance,
)
from cases.measures.trends import TRENDS, monthly_trends
from crc.dashboards.registry import (
    CaseProvider,
    DashboardSection,
    Figure,
    OfficerTierCount,
    Table,
    TableRow,
    Trend,
    TrendPoint,
    register_case_provider,
    register_section,
)

__all__ = [
    "audit_finding_record",
    "audit_population",
    "caseload_by_officer_and_tier",
    "cases_behind",
    "data_quality_by_team",
    "figure_counts",
    "grid_compliance",
    "monthly_trends",
    "register_dashboard_sections",
    "supervision_figures",
    "supervision_tables",
    "supervision_trends",
]


# --- Registration -------------------------------------------------------------------------


def supervision_figures(cases: QuerySet, *, today: dt.date | None = None) -> list:
    today = today or timezone.localdate()
    counts = figure_counts(cases, today=today)
    grid = grid_compliance(cases, today=today)
    figures = [
        Figure(key, label, counts[key])
        for key, (label, _b) in {**SUPERVISION_FIGURES, **DATA_QUALITY_FIGURES}.items()
    ]
    figures.append(
        Figure(
            "grid_met",
            "Cases meeting their contact level this period",
            grid["with_level"] - grid["short"],
            denominator=grid["with_level"],
            drill_down=False,
        )
    )
    figures.append(Figure(GRID_SHORT, "Cases short of their contact level", grid["short"]))
    return figures


def supervision_trends(cases: QuerySet, *, today: dt.date | None = None) -> list:
    data = monthly_trends(cases, today=today)
    return [
        Trend(
            key, label, [TrendPoint(m, v) for m, v in zip(data["months"], data[key], strict=True)]
        )
        for key, label in TRENDS.items()
    ]


def supervision_tables(cases: QuerySet, *, today: dt.date | None = None) -> list:
    columns = {"active_cases": "Active cases"} | {
        key: label for key, (label, _b) in DATA_QUALITY_FIGURES.items()
    }
    rows = [
        TableRow(
            row["team__name"] or "No team",
            row["team_id"],
            {key: row[key] for key in columns},
        )
        for row in data_quality_by_team(cases, today=today)
    ]
    return [Table("data_quality", "Data quality by team", columns, rows)]


def register_dashboard_sections() -> None:
    """Called from CasesConfig.ready(): the supervision section and the case provider."""
    register_section(
        DashboardSection(
            key="supervision",
            title="Supervision",
            order=10,
            figures=supervision_figures,
            drill_down=cases_behind,
            trends=supervision_trends,
            tables=supervision_tables,
        )
    )
    register_case_provider(
        CaseProvider(
            caseload_by_tier=lambda cases: [
                OfficerTierCount(r["responsible_officer_id"], r["tier"], r["cases"])
                for r in caseload_by_officer_and_tier(cases)
            ],
            audit_population=audit_population,
            record_finding=audit_finding_record,
        )
    )
