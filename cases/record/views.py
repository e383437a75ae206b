"""Forms that change the person and their orders and requirements, and the form
that adds a new case, each of the one shape every case form page has (cases.pages).
"""

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from cases.models import Case
from cases.pages import attempt, case_form_page, render_edit, submitted, success
from cases.record import forms as record_forms
from cases.record import services as record_services
from crc.access.marks import page_view
from crc.access.pages import Page
from crc.access.policy import Action, relationship_to
from crc.access.services import case_use_record, reason_state
from crc.stale import version_token

# --- A new case ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@page_view(Page.CASE_CREATE)
def case_create(request: HttpRequest) -> HttpResponse:
    """A new case with its first order. Only the service centre (the administrative
    hub) and administrators create cases; anyone else gets the same 404 as a wrong URL."""
    user = request.user
    form = record_forms.CaseCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def create() -> Case:
            # One transaction: a refused order must not leave a case without one.
            with transaction.atomic():
                case = record_services.case_create(
                    by=user,
                    crn=form.cleaned_data["crn"],
                    team=form.cleaned_data["team"],
                    **form.person_kwargs(),
                )
                record_services.order_add(
                    case=case, by=user, requirements=form.requirements(), **form.order_kwargs()
                )
                return case

        case = attempt(form, create, {"length": "requirement_length"})
        if case is not None:
            case_use_record(staff=user, case=case, page="cases:create", method=request.method)
            if relationship_to(user, case) is None:
                # Those who must state a reason before opening a case: creating it is one.
                reason_state(request=request, case=case, reason="Created the case")
            messages.success(request, f"Case {case.crn} created for {case.full_name}.")
            return redirect("cases:overview", case.crn)
    return render(request, "cases/edit/case_create.html", {"form": form})


# --- The person, orders and requirements ------------------------------------------------


@case_form_page("cases:person_edit", Action.EDIT_PERSON)
def person_edit(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    form = record_forms.PersonForm(
        request.POST or None,
        initial=record_forms.PersonForm.initial_for(case),
        version=version_token(record_services.person_state(case)),
    )
    saved = submitted(
        form,
        lambda: record_services.case_update_person(
            case=case, by=request.user, **form.service_kwargs()
        ),
    )
    if saved is not None:
        return success(request, "Personal details saved.", "cases:overview", case.crn)
    return render_edit(request, "person_edit.html", opened, form=form)


@case_form_page("cases:order_add", Action.EDIT_PERSON)
def order_add(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    form = record_forms.OrderForm(request.POST or None)
    order = submitted(
        form, lambda: record_services.order_add(case=case, by=request.user, **form.order_kwargs())
    )
    if order is not None:
        return success(
            request, f"{order.get_order_type_display()} added.", "cases:sentence", case.crn
        )
    return render_edit(request, "order_add.html", opened, form=form)


@case_form_page("cases:requirement_add", Action.EDIT_PERSON)
def requirement_add(request: HttpRequest, opened, order_id: int) -> HttpResponse:
    case = opened.case
    order = get_object_or_404(case.orders, pk=order_id)
    form = record_forms.RequirementForm(
        request.POST or None, version=version_token(record_services.order_state(order))
    )
    requirement = submitted(
        form,
        lambda: record_services.requirement_add(
            order=order, by=request.user, **form.cleaned_data | {"version": form.version_sent()}
        ),
    )
    if requirement is not None:
        return success(request, f"Requirement added: {requirement}.", "cases:sentence", case.crn)
    return render_edit(request, "requirement_add.html", opened, form=form, order=order)
