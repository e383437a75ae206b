"""Forms that change the case record.

Each view opens the case through `case_page` with the action it performs, so a user
out of scope, or in scope but not permitted, gets 404 and one access-log row. GET shows
the form; POST validates it and calls one service. A DomainError from the service goes
back on the form (status 200, nothing saved); success redirects to the tab that shows
the change (post/redirect/get).
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from cases import edit_forms, risk_concerns, rules
from cases.allocation import services as allocation_services
from cases.models import (
    Case,
    ContactLevelDecision,
    ContactLevelStatus,
    CriminogenicNeed,
    Escalation,
    EscalationStatus,
    Registration,
)
from cases.record import services as record_services
from cases.risk import contact_levels, escalations
from cases.risk import services as risk_services
from cases.views import case_context, case_page
from crc.access.models import AccessKind
from crc.access.policy import Action, relationship_for_action, visible_cases
from crc.access.services import access_log_record, reason_state
from crc.domain import DomainError
from crc.organisation.models import Role

CASE_CREATORS = {Role.SERVICE_CENTRE, Role.ADMINISTRATOR}


def _form_error(form, error: Exception, field_map: dict[str, str] | None = None) -> None:
    """Put a refusal from a service on the form: on its field when the form has that
    field, otherwise at the top of the error summary."""
    field_map = field_map or {}

    def add(field: str | None, message: str) -> None:
        field = field_map.get(field, field)
        form.add_error(field if field in form.fields else None, message)

    if isinstance(error, DomainError):
        add(error.field, error.message)
    elif isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        # Model validation (full_clean) behind the service: the form should have caught
        # it, so this is a safety net that still changes nothing and says why.
        for field, errors in error.message_dict.items():
            for message in errors:
                add(None if field == "__all__" else field, message)
    else:
        for message in getattr(error, "messages", [str(error)]):
            add(None, message)


def _attempt(form, call: Callable[[], object], field_map: dict[str, str] | None = None):
    """Run a service call; on refusal record the error on the form and return None."""
    try:
        return call()
    except (DomainError, ValidationError) as error:
        _form_error(form, error, field_map)
        return None


def _render(request, template: str, opened, **extra) -> HttpResponse:
    # No tab is marked current: a form is not the tab page, and aria-current would say so.
    return render(request, f"cases/edit/{template}", case_context(request, opened, "", **extra))


def _tab(name: str, case) -> str:
    return reverse(name, args=[case.crn])


# --- A new case ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest) -> HttpResponse:
    """A new case with its first order. Only the service centre (the administrative
    hub) and administrators create cases; anyone else gets the same 404 as a wrong URL."""
    user = request.user
    if user.role not in CASE_CREATORS:
        raise Http404
    form = edit_forms.CaseCreateForm(request.POST or None)
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

        case = _attempt(form, create, {"length": "requirement_length"})
        if case is not None:
            relationship = relationship_for_action(user, case)
            access_log_record(
                kind=AccessKind.CHANGE,
                page="cases:create",
                staff=user,
                case=case,
                method=request.method,
                relationship=relationship.value if relationship else "",
            )
            if user.role == Role.ADMINISTRATOR:
                # Administrators state a reason before opening a case; creating it is one.
                reason_state(request=request, case=case, reason="Created the case")
            messages.success(request, f"Case {case.crn} created for {case.full_name}.")
            return redirect("cases:overview", case.crn)
    return render(request, "cases/edit/case_create.html", {"form": form})


# --- The person, orders and requirements ------------------------------------------------


@require_http_methods(["GET", "POST"])
@case_page("cases:person_edit", Action.EDIT_PERSON)
def person_edit(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    form = edit_forms.PersonForm(
        request.POST or None, initial=edit_forms.PersonForm.initial_for(case)
    )
    if request.method == "POST" and form.is_valid():
        saved = _attempt(
            form,
            lambda: record_services.case_update_person(
                case=case, by=request.user, **form.service_kwargs()
            ),
        )
        if saved is not None:
            messages.success(request, "Personal details saved.")
            return redirect("cases:overview", case.crn)
    return _render(request, "person_edit.html", opened, form=form)


@require_http_methods(["GET", "POST"])
@case_page("cases:order_add", Action.EDIT_PERSON)
def order_add(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    form = edit_forms.OrderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        order = _attempt(
            form,
            lambda: record_services.order_add(case=case, by=request.user, **form.order_kwargs()),
        )
        if order is not None:
            messages.success(request, f"{order.get_order_type_display()} added.")
            return redirect("cases:sentence", case.crn)
    return _render(request, "order_add.html", opened, form=form)


@require_http_methods(["GET", "POST"])
@case_page("cases:requirement_add", Action.EDIT_PERSON)
def requirement_add(request: HttpRequest, opened, order_id: int) -> HttpResponse:
    case = opened.case
    order = get_object_or_404(case.orders, pk=order_id)
    form = edit_forms.RequirementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        requirement = _attempt(
            form,
            lambda: record_services.requirement_add(
                order=order, by=request.user, **form.cleaned_data
            ),
        )
        if requirement is not None:
            messages.success(request, f"Requirement added: {requirement}.")
            return redirect("cases:sentence", case.crn)
    return _render(request, "requirement_add.html", opened, form=form, order=order)


# --- Allocation ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@case_page("cases:allocate", Action.ALLOCATE)
def allocate(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    form = edit_forms.AllocateForm(
        request.POST or None, officers=edit_forms.allocatable_officers(request.user)
    )
    if request.method == "POST" and form.is_valid():
        allocation = _attempt(
            form,
            lambda: allocation_services.case_allocate(
                case=case,
                officer=form.cleaned_data["officer"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            ),
        )
        if allocation is not None:
            messages.success(request, f"Case allocated to {allocation.officer.get_full_name()}.")
            return redirect("cases:overview", case.crn)
    return _render(
        request,
        "allocate.html",
        opened,
        form=form,
        psos_may_hold=rules.psos_may_hold(case.tier) if case.tier else True,
    )


# --- Risk ------------------------------------------------------------------------------

ESCALATED_MESSAGE = (
    "Risk recorded. This case must be escalated to the NPS: your SPO has been alerted and "
    "the service centre has a referral task."
)


def _has_open_escalation(case: Case) -> bool:
    return Escalation.objects.filter(case=case).exclude(status=EscalationStatus.CLOSED).exists()


@require_http_methods(["GET", "POST"])
@case_page("cases:risk_edit", Action.RECORD_RISK)
def risk_edit(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    form = edit_forms.RiskForm(
        request.POST or None, case=case, initial=edit_forms.RiskForm.initial_for(case)
    )
    if request.method == "POST" and form.is_valid():
        # open_escalations is prefetched by the case page: the state before this save.
        had_escalation = bool(case.open_escalations)
        saved = _attempt(
            form, lambda: risk_services.risk_record(case=case, by=request.user, **form.cleaned_data)
        )
        if saved is not None:
            escalated = not had_escalation and _has_open_escalation(saved)
            messages.success(request, ESCALATED_MESSAGE if escalated else "Risk recorded.")
            return redirect("cases:risk", case.crn)
    return _render(request, "risk_edit.html", opened, form=form)


@require_http_methods(["GET", "POST"])
@case_page("cases:registration_add", Action.RECORD_RISK)
def registration_add(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    active_types = {r.registration_type for r in case.active_registrations}
    form = edit_forms.RegistrationForm(
        request.POST or None,
        active_types=active_types,
        initial={"registered_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        registration = _attempt(
            form,
            lambda: risk_services.registration_add(case=case, by=request.user, **form.cleaned_data),
        )
        if registration is not None:
            messages.success(
                request,
                f"{registration} registered. Next review by "
                f"{registration.next_review_date:%-d %B %Y}.",
            )
            return redirect("cases:risk", case.crn)
    return _render(request, "registration_add.html", opened, form=form)


def _active_registration(case: Case, registration_id: int) -> Registration:
    return get_object_or_404(Registration, pk=registration_id, case=case, ended_on__isnull=True)


@require_http_methods(["GET", "POST"])
@case_page("cases:registration_review", Action.RECORD_RISK)
def registration_review(request: HttpRequest, opened, registration_id: int) -> HttpResponse:
    case = opened.case
    registration = _active_registration(case, registration_id)
    if request.method == "POST":
        risk_services.registration_review(registration=registration, by=request.user)
        messages.success(
            request,
            f"{registration} reviewed. Next review by {registration.next_review_date:%-d %B %Y}.",
        )
        return redirect("cases:risk", case.crn)
    months = risk_services.registration_review_months(registration.registration_type)
    return _render(
        request,
        "registration_review.html",
        opened,
        registration=registration,
        months=months,
        next_review=risk_services.add_months(timezone.localdate(), months),
    )


@require_http_methods(["GET", "POST"])
@case_page("cases:registration_end", Action.RECORD_RISK)
def registration_end(request: HttpRequest, opened, registration_id: int) -> HttpResponse:
    case = opened.case
    registration = _active_registration(case, registration_id)
    form = edit_forms.RegistrationEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ended = _attempt(
            form,
            lambda: risk_services.registration_end(
                registration=registration, by=request.user, reason=form.cleaned_data["reason"]
            ),
        )
        if ended is not None:
            messages.success(request, f"{registration} ended.")
            return redirect("cases:risk", case.crn)
    return _render(
        request,
        "registration_end.html",
        opened,
        form=form,
        registration=registration,
    )


@require_http_methods(["GET", "POST"])
@case_page("cases:needs_edit", Action.RECORD_RISK)
def needs_edit(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    rows = list(CriminogenicNeed.objects.filter(case=case))
    form = edit_forms.NeedsForm(
        request.POST or None, initial=edit_forms.NeedsForm.initial_for(case, rows)
    )
    if request.method == "POST" and form.is_valid():
        saved = _attempt(
            form,
            lambda: risk_services.needs_record(
                case=case,
                by=request.user,
                needs=form.needs(),
                strengths=form.cleaned_data["strengths"],
            ),
        )
        if saved is not None:
            messages.success(request, f"Needs recorded. The tier is now {saved.tier}.")
            return redirect("cases:risk", case.crn)
    return _render(request, "needs_edit.html", opened, form=form)


# --- Contact level -----------------------------------------------------------------------


def _level_in_force(case: Case) -> ContactLevelDecision | None:
    return next(
        (d for d in case.current_contact_levels if d.status == ContactLevelStatus.ACTIVE), None
    )


@require_http_methods(["GET", "POST"])
@case_page("cases:contact_level_change", Action.CHANGE_CONTACT_LEVEL)
def contact_level_change(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    current = _level_in_force(case)
    initial = (
        {
            "contacts": current.contacts,
            "period_days": current.period_days,
            "face_to_face": current.face_to_face,
        }
        if current
        else {}
    )
    form = edit_forms.ContactLevelForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        decision = _attempt(
            form,
            lambda: contact_levels.contact_level_change(
                case=case, by=request.user, **form.cleaned_data
            ),
        )
        if decision is not None:
            if decision.status == ContactLevelStatus.AWAITING_APPROVAL:
                messages.success(
                    request,
                    f"Your change to {decision.describe()} has gone to your SPO for approval, "
                    "because it reduces contact while a risk concern is open. The current "
                    "level stays in force until they decide.",
                )
            else:
                messages.success(request, f"Contact level changed to {decision.describe()}.")
            return redirect(f"{_tab('cases:risk', case)}#contact-level")
    rule, phase = contact_levels.grid_level_for(case)
    return _render(
        request,
        "contact_level_change.html",
        opened,
        form=form,
        current=current,
        grid_rule=rule,
        phase=phase.value,
        concerns=risk_concerns.open_concerns(case),
        pending=any(
            d.status == ContactLevelStatus.AWAITING_APPROVAL for d in case.current_contact_levels
        ),
    )


@require_POST
@case_page("cases:contact_level_apply_grid", Action.CHANGE_CONTACT_LEVEL)
def contact_level_apply_grid(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    user = request.user
    try:
        decision = contact_levels.contact_level_apply_grid(
            case=case, by=user, reason=f"Grid applied by {user.get_full_name() or user}"
        )
    except DomainError as error:
        # A button on the risk page, not a form: the refusal shows as a banner there.
        messages.error(request, f"The Grid was not applied: {error.message}")
    else:
        if decision.status == ContactLevelStatus.AWAITING_APPROVAL:
            messages.success(
                request,
                f"The Grid level ({decision.describe()}) reduces contact while a risk concern "
                "is open, so it has gone to your SPO for approval.",
            )
        else:
            messages.success(request, f"The Grid is applied: {decision.describe()}.")
    return redirect(f"{_tab('cases:risk', case)}#contact-level")


@require_POST
@case_page("cases:contact_level_decide", Action.APPROVE_CONTACT_LEVEL)
def contact_level_decide(request: HttpRequest, opened, decision_id: int) -> HttpResponse:
    """The SPO's decision on a reduction, posted from the risk page. A refusal is shown on
    a page of its own with the request and the form again."""
    case = opened.case
    decision = get_object_or_404(
        ContactLevelDecision.objects.select_related("requested_by"), pk=decision_id, case=case
    )
    form = edit_forms.ContactLevelDecisionForm(request.POST)
    if form.is_valid():
        decided = _attempt(
            form,
            lambda: contact_levels.contact_level_decide(
                decision=decision,
                by=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
            ),
        )
        if decided is not None:
            verdict = "approved" if decided.status == ContactLevelStatus.ACTIVE else "declined"
            messages.success(request, f"Reduction to {decided.describe()} {verdict}.")
            return redirect(f"{_tab('cases:risk', case)}#contact-level")
    return _render(request, "contact_level_decide.html", opened, form=form, decision=decision)


# --- Escalation --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@case_page("cases:escalation_raise", Action.RAISE_ESCALATION)
def escalation_raise(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    form = edit_forms.EscalationRaiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        escalation = _attempt(
            form,
            lambda: escalations.escalation_raise(
                case=case, by=request.user, reasons=form.cleaned_data["reasons"].strip()
            ),
            {None: "reasons"},
        )
        if escalation is not None:
            messages.success(
                request,
                "Escalation raised: your SPO has been alerted and the service centre has a "
                "referral task.",
            )
            return redirect(f"{_tab('cases:risk', case)}#escalations")
    return _render(request, "escalation_raise.html", opened, form=form)


@require_http_methods(["GET", "POST"])
@case_page("cases:escalation_progress", Action.PROGRESS_ESCALATION)
def escalation_progress(request: HttpRequest, opened, escalation_id: int) -> HttpResponse:
    case = opened.case
    escalation = get_object_or_404(Escalation, pk=escalation_id, case=case)
    allowed = sorted(
        escalations.ESCALATION_TRANSITIONS[escalation.status],
        key=list(EscalationStatus).index,
    )
    if not allowed:
        # A closed escalation has nowhere to go; the risk page offers no link to it.
        raise Http404("No such open escalation")
    form = edit_forms.EscalationProgressForm(
        request.POST or None,
        allowed=[(status, EscalationStatus(status).label) for status in allowed],
    )
    if request.method == "POST" and form.is_valid():
        progressed = _attempt(
            form,
            lambda: escalations.escalation_progress(
                escalation=escalation,
                by=request.user,
                to_status=form.cleaned_data["to_status"],
                note=form.cleaned_data["note"],
            ),
            {"status": "to_status"},
        )
        if progressed is not None:
            messages.success(
                request,
                f"Escalation updated: {progressed.get_status_display().lower()}.",
            )
            return redirect(f"{_tab('cases:risk', case)}#escalations")
    return _render(
        request,
        "escalation_progress.html",
        opened,
        form=form,
        escalation=escalation,
    )


# --- Limited access ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@case_page("cases:access_lists", Action.MANAGE_ACCESS_LISTS)
def access_lists(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    form = edit_forms.AccessEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        entry = _attempt(
            form,
            lambda: allocation_services.access_entry_add(
                case=case, by=request.user, **form.cleaned_data
            ),
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
    return _render(
        request,
        "access_lists.html",
        opened,
        form=form,
        exclusions=[e for e in entries if e.kind == "exclusion"],
        restrictions=[e for e in entries if e.kind == "restriction"],
    )
