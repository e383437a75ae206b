"""The case pages: caseloads, search, the case record's tabs, and the access-reason prompt.

Views are thin: they open the case through crc.access (which logs the view), call a
selector, and render. Forms that change the case live in each wing's views
(cases/record/, cases/allocation/, cases/risk/, ...); what they share is in cases/pages.py.
"""

import functools

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from cases import selectors
from cases.forms import AccessReasonForm, CaseloadFilterForm, CaseSearchForm
from cases.history import case_history
from cases.models import Case
from cases.pages import case_context, case_page, page_links
from cases.risk import rules
from cases.risk.contact_levels import contact_level_state, grid_level_for
from crc.access.marks import case_view, page_view
from crc.access.models import AccessKind
from crc.access.pages import Page
from crc.access.policy import Action, visible_cases
from crc.access.services import access_log_record, reason_state
from crc.stale import version_token

CASELOAD_PAGE_SIZE = 25
HISTORY_PAGE_SIZE = 30


def _caseload_response(request, *, template: str, queryset_for, extra: dict) -> HttpResponse:
    form = CaseloadFilterForm(request.GET or None, officers=extra.get("officers"))
    filters = form.filters() if form.is_valid() else selectors.CaseloadFilters()
    sort = request.GET.get("sort", "name")
    descending = request.GET.get("order") == "desc"
    queryset = queryset_for(filters=filters, sort=sort, descending=descending)
    page_obj = Paginator(queryset, CASELOAD_PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.attach_grid_status(page_obj)
    for row in page_obj:
        row.contact_level_text = (
            rules.describe_frequency(row.level_contacts, row.level_period_days)
            if row.level_contacts
            else "Not set"
        )
    return render(
        request,
        template,
        {
            "form": form,
            "page_obj": page_obj,
            "pagination": page_links(request, page_obj),
            "sort": sort if sort in selectors.SORTS else "name",
            "descending": descending,
            "filters_active": filters.any,
            **extra,
        },
    )


@require_GET
@page_view(Page.MY_CASELOAD)
def caseload(request: HttpRequest) -> HttpResponse:
    """My caseload: the officer's own active cases."""
    user = request.user
    return _caseload_response(
        request,
        template="cases/caseload.html",
        queryset_for=functools.partial(selectors.caseload_for_officer, user=user),
        extra={"heading": "My caseload"},
    )


@require_GET
@page_view(Page.TEAM_CASELOAD)
def team_caseload(request: HttpRequest) -> HttpResponse:
    """The SPO's teams' cases, with what needs their decision on top."""
    user = request.user
    team_ids = list(user.managed_teams.values_list("id", flat=True))
    officers = selectors.officers_in_teams(team_ids=team_ids)
    return _caseload_response(
        request,
        template="cases/team_caseload.html",
        queryset_for=functools.partial(selectors.caseload_for_teams, user=user, team_ids=team_ids),
        extra={
            "heading": "Team caseload",
            "officers": officers,
            "attention": selectors.spo_attention(user=user, team_ids=team_ids),
        },
    )


@require_GET
@page_view(Page.SEARCH)
def search(request: HttpRequest) -> HttpResponse:
    form = CaseSearchForm(request.GET or None)
    results = None
    if form.is_valid():
        results = list(selectors.case_search(user=request.user, query=form.cleaned_data["q"]))
    return render(request, "cases/search.html", {"form": form, "results": results})


@require_GET
@case_page("cases:overview")
def overview(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    return render(
        request,
        "cases/overview.html",
        case_context(
            request,
            opened,
            "cases:overview",
            current_order=selectors.current_order(case),
            data_gaps=selectors.data_quality_gaps(case),
        ),
    )


@require_GET
@case_page("cases:risk")
def risk(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    rule, phase = grid_level_for(case)
    return render(
        request,
        "cases/risk.html",
        case_context(
            request,
            opened,
            "cases:risk",
            grid_rule=rule,
            phase=phase.value,
            ogrs_band=rules.ogrs_band(case.ogrs_score),
            protect_legend=rules.protect_band_legend(),
            change_legend=rules.change_band_legend(),
            risk=selectors.case_risk(case),
            # The Grid and approval buttons carry the version of the level they act on.
            contact_level_version=version_token(contact_level_state(case)),
        ),
    )


@require_GET
@case_page("cases:sentence")
def sentence(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    return render(
        request,
        "cases/sentence.html",
        case_context(
            request,
            opened,
            "cases:sentence",
            orders=selectors.case_orders(case),
            allocations=selectors.case_allocations(case),
        ),
    )


@require_GET
@case_page("cases:history")
def history(request: HttpRequest, opened) -> HttpResponse:
    entries = case_history(
        opened.case, include_access_lists=opened.access.can(Action.MANAGE_ACCESS_LISTS)
    )
    page_obj = Paginator(entries, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/history.html",
        case_context(
            request,
            opened,
            "cases:history",
            page_obj=page_obj,
            pagination=page_links(request, page_obj),
        ),
    )


@require_http_methods(["GET", "POST"])
@case_view(Action.READ)
def access_reason(request: HttpRequest, crn: str) -> HttpResponse:
    """Ask why, before a user with no relationship to a case opens it (DPA 2018 s.62)."""
    case = (
        visible_cases(request.user, selectors.case_base_queryset()).filter(crn=crn.upper()).first()
    )
    if case is None:
        # Same answer as the case page itself, and logged like it: asking to give a
        # reason is a probe for the case too.
        access_log_record(
            kind=AccessKind.DENIED,
            page="cases:reason",
            staff=request.user,
            case=Case.objects.filter(crn=crn.upper()).only("pk", "crn").first(),
            case_crn=crn.upper(),
            method=request.method,
        )
        raise Http404("No case found")
    next_url = (
        request.POST.get("next")
        or request.GET.get("next")
        or reverse("cases:overview", args=[case.crn])
    )
    # Only ever back to a page of this case: the parameter must not become an open redirect.
    safe = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not safe or not next_url.startswith(f"/cases/{case.crn}/"):
        next_url = reverse("cases:overview", args=[case.crn])
    form = AccessReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason_state(request=request, case=case, reason=form.cleaned_data["reason"])
        messages.info(
            request, "Your reason is recorded with every view of this case for the next 30 minutes."
        )
        return redirect(next_url)
    return render(
        request, "cases/access_reason.html", {"form": form, "crn": case.crn, "next": next_url}
    )
