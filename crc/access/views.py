"""The access log for administrators: a filtered, paginated page and its CSV export.

Only administrators may open either; anyone else gets 404, as for anything they may not
see. The export is a disclosure in its own right, so it writes its own access-log row.
"""

import csv
from collections.abc import Iterable, Iterator
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from crc.access import selectors
from crc.access.forms import AccessLogFilterForm
from crc.access.marks import page_view
from crc.access.models import AccessKind, AccessLog
from crc.access.pages import Page as AccessPage
from crc.access.policy import Relationship
from crc.access.services import access_log_record

PAGE_SIZE = 50
EXPORT_CHUNK = 2000

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection):
# usernames, pages and reasons can carry text that someone else typed.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CSV_HEADER = [
    "At (Europe/London)",
    "Kind",
    "Username",
    "Partner organisation",
    "Client id",
    "Acting person",
    "Case CRN",
    "Case id",
    "Page",
    "Method",
    "Relationship",
    "Reason",
]


def _filter_query(request: HttpRequest) -> str:
    """The current filters as a query string, without the page number."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _pagination(page: Page, filter_query: str) -> dict:
    """govukPagination parameters, keeping the filters on every link."""
    if page.paginator.num_pages <= 1:
        return {}

    def href(number: int) -> str:
        return "?" + "&".join(q for q in (filter_query, urlencode({"page": number})) if q)

    params: dict = {"items": []}
    if page.has_previous():
        params["previous"] = {"href": href(page.previous_page_number())}
    if page.has_next():
        params["next"] = {"href": href(page.next_page_number())}
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if number == Paginator.ELLIPSIS:
            params["items"].append({"ellipsis": True})
        else:
            params["items"].append(
                {"number": number, "href": href(number), "current": number == page.number}
            )
    return params


@require_GET
@page_view(AccessPage.ACCESS_LOG)
def access_log(request: HttpRequest) -> HttpResponse:
    form = AccessLogFilterForm(request.GET)
    page = None
    filter_query = _filter_query(request)
    if form.is_valid():
        paginator = Paginator(selectors.access_log_search(**form.filters()), PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "access/log.html",
        {
            "form": form,
            "page": page,
            "rows": list(page.object_list) if page else [],
            "pagination": _pagination(page, filter_query) if page else {},
            "filter_query": filter_query,
        },
    )


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _csv_values(row: AccessLog) -> list:
    return [
        timezone.localtime(row.at).isoformat(timespec="seconds"),
        row.get_kind_display(),
        row.username,
        row.partner_organisation.name if row.partner_organisation_id else "",
        row.client_id,
        row.acting_person,
        row.case_crn,
        row.case_id,
        row.page,
        row.method,
        row.relationship,
        row.reason,
    ]


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a stream."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[AccessLog]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_HEADER)
    for row in rows:
        yield writer.writerow([safe_cell(value) for value in _csv_values(row)])


@require_GET
@page_view(AccessPage.ACCESS_LOG)
def access_log_csv(request: HttpRequest) -> HttpResponse:
    form = AccessLogFilterForm(request.GET)
    if not form.is_valid():
        # The page explains what is wrong; an empty or partial file would not.
        return render(
            request,
            "access/log.html",
            {"form": form, "page": None, "rows": [], "pagination": {}, "filter_query": ""},
            status=400,
        )
    filters = form.filters()
    access_log_record(
        kind=AccessKind.EXPORT,
        page="access:log_csv",
        staff=request.user,
        case_crn=filters["crn"],
        method=request.method,
        relationship=Relationship.ADMINISTRATION.value,
        reason=f"Access log exported as CSV: {form.describe()}",
    )
    rows = selectors.access_log_search(**filters).iterator(chunk_size=EXPORT_CHUNK)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="access-log-{stamp}.csv"'
    return response
