"""The Through the Gate pages: the prison's resettlement caseload, the community
officer's people in custody, a case's custody episode and the pre-release contact.

Thin views: access through crc.access (page_view, case_page), reads through selectors
and caseloads.py, changes through the services, which refuse what is not allowed.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from cases.pages import attempt, case_context, case_page, paginate
from crc.access.marks import page_view
from crc.access.pages import Page
from crc.access.policy import Action
from resettlement import caseloads, forms, release, rules, selectors
from resettlement.caseloads import CaseloadFilters
from resettlement.models import Pathway

PAGE_SIZE = 25


@require_GET
@page_view(Page.RESETTLEMENT_CASELOAD)
def caseload(request: HttpRequest) -> HttpResponse:
    """The custody cases of the worker's prison, with the filters the issue asks for."""
    today = timezone.localdate()
    form = forms.CaseloadFilterForm(request.GET or None)
    filters = form.filters() if form.is_valid() else CaseloadFilters()
    queryset = caseloads.resettlement_caseload(user=request.user, filters=filters, today=today)
    page_obj, pagination = paginate(request, queryset, PAGE_SIZE, "people")
    return render(
        request,
        "resettlement/caseload.html",
        {
            "form": form,
            "filters_active": filters.any,
            "page_obj": page_obj,
            "pagination": pagination,
            "today": today,
        },
    )


@require_GET
@page_view(Page.PEOPLE_IN_CUSTODY)
def in_custody(request: HttpRequest) -> HttpResponse:
    """The officer's people in custody, with "release in N weeks, no contact yet"."""
    today = timezone.localdate()
    page_obj, pagination = paginate(
        request, caseloads.people_in_custody(user=request.user), PAGE_SIZE, "people"
    )
    for episode in page_obj:
        episode.contact_alert_weeks = caseloads.contact_alert(episode, today=today)
    return render(
        request,
        "resettlement/in_custody.html",
        {"page_obj": page_obj, "pagination": pagination, "today": today},
    )


def _open_episode(case):
    episode = selectors.open_episode_for_case(case)
    if episode is None:
        raise Http404("No open custody episode")
    return episode


@require_GET
@case_page("resettlement:episode")
def episode(request: HttpRequest, opened) -> HttpResponse:
    """The case's spell in custody: screening across the seven pathways with the risk of
    harm on release, the plan and its actions, the release checklist."""
    current = _open_episode(opened.case)
    screening = getattr(current, "screening", None)
    by_pathway = {row.pathway: row for row in screening.pathways.all()} if screening else {}
    plan = getattr(current, "plan", None)
    contacts = list(current.pre_release_contacts.select_related("contact__recorded_by"))
    officer_id = opened.case.responsible_officer_id
    today = timezone.localdate()
    return render(
        request,
        "resettlement/episode.html",
        case_context(
            request,
            opened,
            "",
            episode=current,
            screening=screening,
            pathways=[(value, label, by_pathway.get(value)) for value, label in Pathway.choices],
            plan=plan,
            actions=list(plan.actions.all()) if plan else [],
            checklist=getattr(current, "checklist", None),
            pre_release_contacts=contacts,
            # "Release in N weeks, no contact yet" (contact by the community officer).
            contact_alert_weeks=rules.contact_alert_threshold(
                today=today,
                release=current.expected_release_date,
                has_pre_release_contact=any(
                    row.contact.recorded_by_id == officer_id for row in contacts
                ),
            ),
            release_date_changes=list(selectors.release_date_changes(current)[:10]),
            today=today,
            may_screen=opened.access.can(Action.SCREEN),
            may_plan=opened.access.can(Action.PLAN_RESETTLEMENT),
            may_prepare=opened.access.can(Action.PREPARE_RELEASE),
        ),
    )


@require_http_methods(["GET", "POST"])
@case_page("resettlement:pre_release_contact_new", Action.PREPARE_RELEASE)
def pre_release_contact_new(request: HttpRequest, opened) -> HttpResponse:
    """The community officer records a contact made before release (a contact on the
    case); it clears the "no contact yet" alert."""
    current = _open_episode(opened.case)
    form = forms.PreReleaseContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        recorded = attempt(
            form,
            lambda: release.pre_release_contact_record(
                episode=current, by=request.user, **form.service_kwargs()
            ),
            {"happened_at": "date"},
        )
        if recorded is not None:
            messages.success(request, "Pre-release contact recorded.")
            return redirect(reverse("resettlement:in_custody"))
    return render(
        request,
        "resettlement/pre_release_contact_new.html",
        case_context(request, opened, "", form=form, episode=current),
    )
