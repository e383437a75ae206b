"""Forms that allocate a case and limit who may see it, each of the one shape every
case form page has (cases.pages).
"""

from functools import partial

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from cases.allocation import forms as allocation_forms
from cases.allocation import rules as allocation_rules
from cases.allocation import services as allocation_services
from cases.models import Case
from cases.pages import case_form_page, render_edit, save_answers, success
from crc.access.policy import Action, visible_cases
from crc.stale import version_token

# --- Allocation ------------------------------------------------------------------------


@case_form_page("cases:allocate", Action.ALLOCATE)
def allocate(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    form = allocation_forms.AllocateForm(
        request.POST or None,
        officers=allocation_forms.allocatable_officers(request.user, case),
        version=version_token(allocation_services.allocation_state(case)),
    )
    allocation = save_answers(
        form, partial(allocation_services.case_allocate, case=case, by=request.user)
    )
    if allocation is not None:
        return success(
            request,
            f"Case allocated to {allocation.officer.get_full_name()}.",
            "cases:overview",
            case.crn,
        )
    return render_edit(
        request,
        "allocate.html",
        opened,
        form=form,
        psos_may_hold=allocation_rules.psos_may_hold(case.tier) if case.tier else True,
    )


# --- Limited access ------------------------------------------------------------------------


@case_form_page("cases:access_lists", Action.MANAGE_ACCESS_LISTS)
def access_lists(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    form = allocation_forms.AccessEntryForm(
        request.POST or None,
        version=version_token(allocation_services.access_lists_state(case)),
    )
    entry = save_answers(
        form, partial(allocation_services.access_entry_add, case=case, by=request.user)
    )
    if entry is not None:
        messages.success(
            request, f"{entry.staff.get_full_name()} added: {entry.get_kind_display()}."
        )
        if not visible_cases(request.user, Case.objects.filter(pk=case.pk)).exists():
            # The change shut the person who made it out: the page they came from
            # would now be a 404.
            messages.info(request, f"You can no longer see case {case.crn}.")
            return redirect("home")
        return redirect("cases:access_lists", case.crn)
    entries = list(
        case.access_entries.select_related("staff__team", "added_by").order_by(
            "kind", "staff__last_name", "staff__first_name"
        )
    )
    return render_edit(
        request,
        "access_lists.html",
        opened,
        form=form,
        exclusions=[e for e in entries if e.kind == "exclusion"],
        restrictions=[e for e in entries if e.kind == "restriction"],
    )
