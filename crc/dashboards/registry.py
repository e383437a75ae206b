"""What the domain apps plug into the dashboards, so crc never imports a domain app.

Each app registers from its AppConfig.ready():

- **sections**: one `DashboardSection` per app (supervision, unpaid work, Through the
  Gate, interventions): its figures, the cases behind each figure, its monthly trends,
  and any tables (data quality by team). Every callable takes a case queryset the caller
  has already scoped through crc.access, and `today`, and must run a fixed number of
  queries however many cases the queryset holds (aggregates, never per-case loops).
- **the case provider** (the app that owns the case record, `cases`): the reads and
  the one write the workload and audit screens need that are not a section — officers'
  caseloads by tier, the audit population with its strata, and recording audit findings
  on a case as management oversight.

Registering the same key twice replaces the first (ready() may run more than once in
tests).
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from crc.dashboards.rules import whole_percent


@dataclass(frozen=True)
class Figure:
    """One number on a dashboard. `denominator` makes it a rate ("12 of 40");
    `drill_down` is False for a figure with no case list behind it."""

    key: str
    label: str
    value: int
    denominator: int | None = None
    drill_down: bool = True

    @property
    def percent(self) -> int | None:
        if self.denominator is None:
            return None
        return whole_percent(self.value, self.denominator)


@dataclass(frozen=True)
class TrendPoint:
    month: dt.date  # the first of the month
    value: int


@dataclass(frozen=True)
class Trend:
    key: str
    label: str
    points: Sequence[TrendPoint]


@dataclass(frozen=True)
class TableRow:
    label: str  # e.g. the team's name
    key: Any  # e.g. the team's id, to drill down by
    values: dict[str, int]


@dataclass(frozen=True)
class Table:
    key: str
    label: str
    columns: dict[str, str]  # value key -> column heading
    rows: Sequence[TableRow]


@dataclass(frozen=True)
class DashboardSection:
    key: str
    title: str
    order: int
    figures: Callable[..., list[Figure]]  # (cases, *, today) -> figures
    # (key, cases, *, today) -> the cases behind a figure. None: no figure of the section
    # has cases behind it (each says drill_down=False), so the home page's work list,
    # which shows no other, runs none of its queries.
    drill_down: Callable[..., QuerySet] | None = None
    trends: Callable[..., list[Trend]] | None = None  # (cases, *, today) -> 12 months each
    tables: Callable[..., list[Table]] | None = None  # (cases, *, today) -> tables
    # (cases, *, today) -> the figures with cases behind them only, for the home page's
    # work list, which shows no other. None: `figures`. A section gives it when its
    # other figures cost queries the work list would throw away.
    case_figures: Callable[..., list[Figure]] | None = None


@dataclass(frozen=True)
class OfficerTierCount:
    officer_id: int
    tier: str
    cases: int


@dataclass(frozen=True)
class PopulationCase:
    """An audit-eligible case with its strata (sex, disposal type, RoSH level)."""

    case_id: int
    sex: str
    disposal_type: str
    rosh_level: str
    supervision_start: dt.date
    officer_id: int | None

    @property
    def stratum(self) -> tuple[str, str, str]:
        return (self.sex, self.disposal_type, self.rosh_level)


@dataclass(frozen=True)
class CaseProvider:
    # (cases) -> caseload per officer and tier, one aggregate query
    caseload_by_tier: Callable[[QuerySet], list[OfficerTierCount]]
    # (cases, *, started_from, started_to) -> cases whose supervision began in the window
    audit_population: Callable[..., list[PopulationCase]]
    # (*, case_id, by, text) -> records the finding as management oversight on the case
    record_finding: Callable[..., Any]


@dataclass
class _Registry:
    sections: dict[str, DashboardSection] = field(default_factory=dict)
    case_provider: CaseProvider | None = None


_registry = _Registry()


def register_section(section: DashboardSection) -> None:
    _registry.sections[section.key] = section


def unregister_section(key: str) -> None:
    _registry.sections.pop(key, None)


def sections() -> list[DashboardSection]:
    return sorted(_registry.sections.values(), key=lambda s: (s.order, s.key))


def section(key: str) -> DashboardSection:
    try:
        return _registry.sections[key]
    except KeyError:
        raise LookupError(f"No dashboard section {key!r} is registered") from None


def register_case_provider(provider: CaseProvider) -> None:
    _registry.case_provider = provider


def case_provider() -> CaseProvider:
    if _registry.case_provider is None:
        raise LookupError(
            "No case provider is registered: the case app registers it from its AppConfig.ready()"
        )
    return _registry.case_provider
