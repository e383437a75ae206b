"""The Contacts tab and the forms that record supervision.

Recording appointments, contacts, absence decisions, enforcement and significant change
is case work: the allocated officer and their line management (Action.RECORD_CONTACT;
significant change is Action.COMPLETE_REVIEW, as it leads to a review). Everyone else
in scope reads the tab; anyone out of scope gets 404 from case_page, logged.
"""

from functools import partial

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from cases.contacts import forms, selectors, services
from cases.contacts.sensitivity import WITHHELD_TEXT, may_read_sensitive_detail
from cases.models import (
    Appointment,
    AppointmentStatus,
    AttendanceOutcome,
    Case,
    ServiceCentreTask,
    TaskKind,
)
from cases.pages import (
    act,
    case_context,
    case_form_page,
    case_page,
    paginate,
    save_answers,
    submitted,
    success,
)
from cases.reviews.services import significant_change_record
from cases.service_centre import services as service_centre_services
from crc.access.marks import page_view
from crc.access.models import AccessKind
from crc.access.pages import Page
from crc.access.policy import Action, can, visible_cases
from crc.access.services import access_log_record, case_use_record

CONTACTS_PAGE_SIZE = 25
LIST_PAGE_SIZE = 50
RECORD = Action.RECORD_CONTACT


def _render(request, template: str, opened, tab: str = "", **extra) -> HttpResponse:
    return render(
        request, f"cases/contacts/{template}", case_context(request, opened, tab, **extra)
    )


def _contacts_tab(case) -> str:
    return reverse("cases:contacts", args=[case.crn])


def _recorded(request, case, contact, text: str, failure_text: str) -> HttpResponse:
    """Saved, back to the tab; but a failure to comply goes straight to the enforcement
    decision (the journey the inspectors wanted), so it is not left for later and
    forgotten."""
    if contact.is_failure:
        return success(request, failure_text, "cases:enforcement_decide", case.crn, contact.pk)
    return success(request, text, _contacts_tab(case))


# --- The tab ------------------------------------------------------------------------------


@require_GET
@case_page("cases:contacts")
def contacts(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    page_obj, pagination = paginate(
        request, selectors.case_contacts(case), CONTACTS_PAGE_SIZE, "contacts"
    )
    return _render(
        request,
        "contacts.html",
        opened,
        "cases:contacts",
        summary=selectors.contacts_summary(case),
        page_obj=page_obj,
        pagination=pagination,
        today=timezone.localdate(),
        # A reverse one-to-one raises when absent; the template asks instead.
        contact_has_enforcement=lambda contact: hasattr(contact, "enforcement"),
        # Decided here, not folded away in the page: text the reader may not read is
        # never sent (cases.contacts.sensitivity).
        see_sensitive=may_read_sensitive_detail(request.user, case),
        withheld_text=WITHHELD_TEXT,
    )


# --- Appointments -------------------------------------------------------------------------


@case_form_page("cases:appointment_new", RECORD)
def appointment_new(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    form = forms.AppointmentForm(request.POST or None, case=case)
    booked = submitted(
        form, lambda: services.appointment_book(case=case, by=request.user, **form.service_kwargs())
    )
    if booked is not None:
        return success(request, "Appointment booked.", _contacts_tab(case))
    return _render(request, "appointment_new.html", opened, form=form)


@require_GET
@page_view(Page.APPOINTMENTS)
def appointments_needing_outcome(request: HttpRequest) -> HttpResponse:
    """The officer's past appointments with no outcome recorded: each one is a contact
    (or an absence) still to write up."""
    page_obj, pagination = paginate(
        request,
        selectors.appointments_needing_outcome(user=request.user),
        LIST_PAGE_SIZE,
        "appointments",
    )
    return render(
        request,
        "cases/contacts/appointments_needing_outcome.html",
        {"page_obj": page_obj, "pagination": pagination},
    )


# --- Contacts -----------------------------------------------------------------------------


def _booked_appointment(case: Case, appointment_id: str | None) -> Appointment | None:
    if not appointment_id:
        return None
    if not appointment_id.isdigit():
        raise Http404
    return get_object_or_404(
        case.appointments.select_related("with_staff"),
        pk=int(appointment_id),
        status=AppointmentStatus.BOOKED,
    )


@case_form_page("cases:contact_new", RECORD)
def contact_new(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    appointment = _booked_appointment(
        case, request.POST.get("appointment") or request.GET.get("appointment")
    )
    initial = {}
    if appointment is not None:
        local = timezone.localtime(appointment.starts_at)
        initial = {
            "contact_type": appointment.contact_type,
            "date": local.date(),
            "time": f"{local:%H:%M}",
        }
    form = forms.ContactForm(request.POST or None, initial=initial)
    contact = submitted(
        form,
        lambda: services.contact_record(
            case=case, by=request.user, appointment=appointment, **form.service_kwargs()
        ),
        {"description": "change_description", "category": "change_category"},
    )
    if contact is not None:
        return _recorded(
            request,
            case,
            contact,
            "Contact recorded.",
            "Contact recorded. This is a failure to comply: decide on enforcement now.",
        )
    return _render(
        request,
        "contact_new.html",
        opened,
        form=form,
        appointment=appointment,
        crissa=forms.CRISSA,
    )


@case_form_page("cases:absence_decide", RECORD)
def absence_decide(request: HttpRequest, opened, contact_id: int) -> HttpResponse:
    case = opened.case
    contact = get_object_or_404(
        case.contacts, pk=contact_id, outcome=AttendanceOutcome.ABSENCE_TO_DECIDE
    )
    form = forms.AbsenceDecideForm(
        request.POST or None,
        initial={"reason": contact.absence_reason, "evidence": contact.absence_evidence},
    )
    decided = submitted(
        form,
        lambda: services.absence_decide(
            contact=contact,
            by=request.user,
            acceptable=form.cleaned_data["acceptable"] == "yes",
            reason=form.cleaned_data["reason"],
            evidence=form.cleaned_data["evidence"],
        ),
        {"absence_reason": "reason", "absence_evidence": "evidence"},
    )
    if decided is not None:
        return _recorded(
            request,
            case,
            decided,
            "Absence recorded as acceptable.",
            "Absence recorded as unacceptable: decide on enforcement now.",
        )
    return _render(request, "absence_decide.html", opened, form=form, contact=contact)


# --- Enforcement --------------------------------------------------------------------------


@case_form_page("cases:enforcement_decide", RECORD)
def enforcement_decide(request: HttpRequest, opened, contact_id: int) -> HttpResponse:
    case = opened.case
    contact = selectors.failure_contact(case, contact_id)
    if contact is None:
        raise Http404
    if hasattr(contact, "enforcement"):
        messages.info(request, "Enforcement has already been decided for this failure.")
        return redirect(_contacts_tab(case))
    options = services.enforcement_options_for(contact)
    form = forms.EnforcementForm(request.POST or None, options=options.options)
    action = save_answers(
        form, partial(services.enforcement_decide, contact=contact, by=request.user)
    )
    if action is not None:
        return success(
            request, f"Decision recorded: {action.get_kind_display().lower()}.", _contacts_tab(case)
        )
    return _render(
        request,
        "enforcement_decide.html",
        opened,
        form=form,
        contact=contact,
        options=options,
        panel=selectors.compliance_panel_for(case),
        history=selectors.enforcement_history(case),
        hints=forms.ENFORCEMENT_HINTS,
    )


# --- Significant change -------------------------------------------------------------------


@case_form_page("cases:significant_change_new", Action.COMPLETE_REVIEW)
def significant_change_new(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    form = forms.SignificantChangeForm(request.POST or None)
    change = save_answers(form, partial(significant_change_record, case=case, by=request.user))
    if change is not None:
        return success(
            request,
            f"Significant change recorded. A review is due by {change.review.due_on:%d %B %Y}.",
            _contacts_tab(case),
        )
    return _render(request, "significant_change_new.html", opened, form=form)


# --- The service centre's tasks -----------------------------------------------------------


@require_GET
@page_view(Page.TASKS)
def service_centre_tasks(request: HttpRequest) -> HttpResponse:
    form = forms.TaskFilterForm(request.GET or None)
    kind = form.cleaned_data["kind"] if form.is_valid() else ""
    page_obj, pagination = paginate(
        request,
        selectors.open_service_centre_tasks(user=request.user, kind=kind),
        LIST_PAGE_SIZE,
        "tasks",
    )
    return render(
        request,
        "cases/contacts/service_centre_tasks.html",
        {
            "form": form,
            "page_obj": page_obj,
            "pagination": pagination,
            "today": timezone.localdate(),
        },
    )


@require_POST
@page_view(Page.TASKS)
def service_centre_task_done(request: HttpRequest, task_id: int) -> HttpResponse:
    task = (
        ServiceCentreTask.objects.filter(
            case__in=visible_cases(request.user, Case.objects.all()).values("pk")
        )
        .select_related("case")
        .filter(pk=task_id)
        .first()
    )
    if task is None or not can(request.user, Action.SERVICE_CENTRE_WORK, task.case):
        # Logged like any refused attempt on a case (the task's case, if there is one).
        hidden = task or ServiceCentreTask.objects.filter(pk=task_id).select_related("case").first()
        access_log_record(
            kind=AccessKind.DENIED,
            page="cases:service_centre_task_done",
            staff=request.user,
            case=hidden.case if hidden else None,
            method=request.method,
        )
        raise Http404
    case_use_record(
        staff=request.user,
        case=task.case,
        page="cases:service_centre_task_done",
        method=request.method,
    )
    act(
        request,
        lambda: service_centre_services.service_centre_task_complete(task=task, by=request.user),
        f"Marked done: {task.get_kind_display().lower()} for {task.case.crn}.",
    )
    back = reverse("cases:service_centre_tasks")
    kind = request.POST.get("kind", "")
    return redirect(f"{back}?kind={kind}" if kind in TaskKind.values else back)
