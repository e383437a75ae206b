"""The managers' dashboards: thin views over crc.dashboards.selectors.

Scope is the viewer's (crc.access.listable_cases): an SPO's teams, an area manager's
area, the whole service for the quality and performance manager and the administrator.
Restricted cases are counted in every figure and listed by CRN only.
"""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from crc.access.marks import page_view
from crc.access.pages import Page
from crc.dashboards import registry, rules, selectors

CASES_PER_PAGE = 50


@require_GET
@page_view(Page.DASHBOARDS)
def dashboard(request: HttpRequest) -> HttpResponse:
    cases = selectors.dashboard_cases(request.user)
    today = timezone.localdate()
    return render(
        request,
        "dashboards/dashboard.html",
        {
            "sections": selectors.dashboard_sections(cases, today=today),
            "workload": selectors.workload_by_officer(cases),
            "marker": rules.CASELOAD_MARKER,
        },
    )


@require_GET
@page_view(Page.DASHBOARDS)
def drill_down(request: HttpRequest) -> HttpResponse:
    try:
        section = registry.section(request.GET.get("section", ""))
    except LookupError:
        raise Http404("No such section") from None
    today = timezone.localdate()
    cases = selectors.dashboard_cases(request.user)
    figure_key = request.GET.get("figure", "")
    figure = next((f for f in section.figures(cases, today=today) if f.key == figure_key), None)
    if figure is None or not figure.drill_down:
        raise Http404("No such figure")
    behind = section.drill_down(figure_key, cases, today=today).select_related(
        "responsible_officer", "team"
    )
    page_obj = Paginator(behind.order_by("crn"), CASES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "dashboards/drill_down.html",
        {"section": section, "figure": figure, "page_obj": page_obj},
    )
