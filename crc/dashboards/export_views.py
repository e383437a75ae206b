"""Every dashboard table as CSV (issue 13, "Exports").

`?section=<key>&table=figures|trends|<table key>` is one of a section's tables;
`?table=workload` the workload table; `?section=<key>&figure=<key>` the cases behind a
figure. Scope is the dashboard's own (crc.access.listable_cases): nothing leaves that
the page does not show, and restricted cases go out by CRN only. Each export is a
disclosure, so it writes access-log rows of kind "export" before the file is sent: one
per case it names, or one for a table of figures. Cells a spreadsheet would run as a
formula are defused (crc.access.views.safe_cell).
"""

import csv
import io

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from crc.access.marks import page_view
from crc.access.models import AccessKind, AccessLog
from crc.access.pages import Page
from crc.access.policy import relationship_to
from crc.access.services import access_log_record
from crc.access.views import safe_cell
from crc.dashboards import registry, selectors

PAGE = "dashboards:export"


def _csv(filename: str, header: list[str], rows: list[list]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(value) for value in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename)}-{stamp}.csv"'
    return response


def _log_table(request: HttpRequest, what: str) -> None:
    access_log_record(
        kind=AccessKind.EXPORT,
        page=PAGE,
        staff=request.user,
        method=request.method,
        reason=f"Dashboard table exported as CSV: {what}",
    )


def _log_cases(request: HttpRequest, cases: list, what: str) -> None:
    """One export row per case the file names, in one insert."""
    user = request.user
    AccessLog.objects.bulk_create(
        [
            AccessLog(
                kind=AccessKind.EXPORT,
                staff=user,
                username=user.get_username(),
                case_id=case.pk,
                case_crn=case.crn,
                page=PAGE,
                method=request.method,
                relationship=(rel.value if (rel := relationship_to(user, case)) else ""),
                reason=f"Dashboard cases exported as CSV: {what}",
            )
            for case in cases
        ]
    )


def _section(request: HttpRequest) -> registry.DashboardSection:
    try:
        return registry.section(request.GET.get("section", ""))
    except LookupError:
        raise Http404("No such section") from None


def _figure_rows(figures) -> list[list]:
    return [
        [f.label, f.value, "" if f.denominator is None else f.denominator, _percent(f.percent)]
        for f in figures
    ]


def _percent(value) -> str:
    return "" if value is None else f"{value}%"


@require_GET
@page_view(Page.DASHBOARDS)
def export(request: HttpRequest) -> HttpResponse:
    cases = selectors.dashboard_cases(request.user)
    today = timezone.localdate()
    table_key = request.GET.get("table", "")
    if table_key == "workload" and "section" not in request.GET:
        return _workload(request, cases)
    section = _section(request)
    if request.GET.get("figure"):
        return _cases_behind(request, section, cases, today)
    if table_key == "figures":
        _log_table(request, f"{section.title}: figures")
        return _csv(
            f"{section.key}-figures",
            ["Figure", "Number", "Out of", "Rate"],
            _figure_rows(section.figures(cases, today=today)),
        )
    if table_key == "trends" and section.trends:
        trends = section.trends(cases, today=today)
        months = [point.month for point in trends[0].points] if trends else []
        _log_table(request, f"{section.title}: the last 12 months")
        return _csv(
            f"{section.key}-trends",
            ["Month", *(trend.label for trend in trends)],
            [
                [month.strftime("%Y-%m"), *(trend.points[i].value for trend in trends)]
                for i, month in enumerate(months)
            ],
        )
    table = next(
        (
            t
            for t in (section.tables(cases, today=today) if section.tables else [])
            if t.key == table_key
        ),
        None,
    )
    if table is None:
        raise Http404("No such table")
    _log_table(request, f"{section.title}: {table.label}")
    return _csv(
        f"{section.key}-{table.key}",
        ["Name", *table.columns.values()],
        [[row.label, *(row.values.get(key, 0) for key in table.columns)] for row in table.rows],
    )


def _cases_behind(request, section, cases, today) -> HttpResponse:
    figure_key = request.GET["figure"]
    figure = next((f for f in section.figures(cases, today=today) if f.key == figure_key), None)
    if figure is None or not figure.drill_down:
        raise Http404("No such figure")
    behind = list(
        section.drill_down(figure_key, cases, today=today)
        .select_related("responsible_officer", "team")
        .order_by("crn")
    )
    _log_cases(request, behind, f"{section.title}: {figure.label}")
    rows = []
    for case in behind:
        if case.access_blocked:
            rows.append([case.crn, "Restricted case", "", "", ""])
            continue
        officer = case.responsible_officer
        rows.append(
            [
                case.crn,
                f"{case.first_name} {case.last_name}",
                case.tier or "",
                officer.get_full_name() if officer else "Not allocated",
                case.team.name if case.team_id else "",
            ]
        )
    return _csv(
        f"{section.key}-{figure.key}",
        ["CRN", "Name", "Tier", "Responsible officer", "Team"],
        rows,
    )


def _workload(request, cases) -> HttpResponse:
    summary = selectors.workload_by_officer(cases)
    _log_table(request, "Caseload and weighted workload per officer")
    return _csv(
        "workload",
        ["Officer", "Team", "Cases", "Points", "Capacity", "Over 55 cases"],
        [
            [
                row.officer.get_full_name() or row.officer.get_username(),
                row.officer.team.name if row.officer.team_id else "",
                row.workload.cases,
                row.workload.points,
                _percent(row.workload.capacity_percent),
                "Yes" if row.workload.over_marker else "No",
            ]
            for row in summary.officers
        ],
    )
