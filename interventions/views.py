"""The provider caseworker's pages: My cases and Unassigned, one referral (with only the
risk stored on it when it was sent), and picking a referral up.

Every page is Page.PROVIDER_REFERRALS; which referrals a caseworker reaches is
crc.access.interventions (their own organisation's only; anything else is 404). Each
referral page shown is a disclosure to the partner and is logged as one.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.pages import act, submitted, success
from crc.access import interventions as access_interventions
from crc.access.marks import page_view
from crc.access.models import AccessKind
from crc.access.pages import Page
from crc.access.services import access_log_record
from crc.stale import version_token
from interventions import forms, rules, selectors, services

Do = access_interventions.ProviderAction


@require_GET
@page_view(Page.PROVIDER_REFERRALS)
def provider_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "interventions/provider/home.html",
        {
            "my_cases": selectors.provider_my_cases(request.user),
            "unassigned": selectors.provider_unassigned(request.user),
        },
    )


def _referral_or_404(request: HttpRequest, referral_id: int, action=None):
    """The caseworker's organisation's referral, or 404; with ``action``, only where they
    may do it (not assigned to them: the same answer as another provider's referral)."""
    referral = selectors.provider_referral(request.user, referral_id)
    if referral is None:
        raise Http404
    if action is not None and not access_interventions.provider_may(request.user, action, referral):
        raise Http404
    return referral


@require_GET
@page_view(Page.PROVIDER_REFERRALS)
def provider_referral(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _referral_or_404(request, referral_id)
    _log_disclosure(request, referral)
    user = request.user
    may_record = access_interventions.provider_may(user, Do.RECORD_SESSION, referral)
    return render(
        request,
        "interventions/provider/referral.html",
        {
            "referral": referral,
            "may_assign": referral.caseworker_id is None
            and access_interventions.may_be_assigned(user, referral),
            "actions": _next_steps(user, referral),
            "may_record": may_record and referral.status in rules.IN_PROGRESS,
        },
    )


def _next_steps(user, referral) -> list[tuple[str, str]]:
    """The buttons for what the referral's status lets the assigned caseworker do next."""
    steps = [
        (Do.RECORD_APPOINTMENT, rules.Event.BOOK_ASSESSMENT, "provider_appointment"),
        (Do.SUBMIT_ACTION_PLAN, rules.Event.SUBMIT_PLAN, "provider_action_plan"),
        (Do.RECORD_SESSION, rules.Event.RECORD_SESSION, "provider_session"),
    ]
    texts = {
        "provider_appointment": "Book the initial assessment"
        if referral.status == rules.ReferralStatus.ASSIGNED
        else "Rebook the initial assessment",
        "provider_action_plan": "Revise the action plan"
        if referral.status != rules.ReferralStatus.ASSESSMENT_BOOKED
        else "Submit an action plan",
        "provider_session": "Record a session",
    }
    return [
        (texts[name], reverse(f"interventions:{name}", args=[referral.pk]))
        for action, event, name in steps
        if rules.can(referral.status, event)
        and access_interventions.provider_may(user, action, referral)
    ]


@require_POST
@page_view(Page.PROVIDER_REFERRALS)
def provider_referral_assign(request: HttpRequest, referral_id: int) -> HttpResponse:
    """A caseworker picks an unassigned referral up for themselves."""
    referral = _referral_or_404(request, referral_id, Do.ASSIGN)
    act(
        request,
        lambda: services.referral_assign(
            referral=referral, caseworker=request.user, by=request.user
        ),
        "Referral assigned to you",
    )
    return redirect(_referral_url(referral))


def _referral_url(referral) -> str:
    return reverse("interventions:provider_referral", kwargs={"referral_id": referral.pk})


def _log_disclosure(request: HttpRequest, referral) -> None:
    access_log_record(
        kind=AccessKind.DISCLOSURE,
        page=request.path,
        staff=request.user,
        case=referral.case,
        method=request.method,
        partner_organisation=request.user.partner_organisation,
    )


def _provider_form_page(request, referral, template: str, form, **extra):
    """A provider form page shows the referral: a disclosure, logged as one."""
    _log_disclosure(request, referral)
    return render(
        request,
        f"interventions/provider/{template}",
        {"referral": referral, "form": form, **extra},
    )


@require_http_methods(["GET", "POST"])
@page_view(Page.PROVIDER_REFERRALS)
def provider_appointment(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Book, or rebook, the initial assessment appointment."""
    referral = _referral_or_404(request, referral_id, Do.RECORD_APPOINTMENT)
    booked = selectors.pending_assessment(referral)
    initial = selectors.appointment_state(booked) if booked else {}
    form = forms.AppointmentForm(
        request.POST or None,
        initial=initial,
        version=version_token(initial) if booked else "",
    )
    saved = submitted(
        form,
        lambda: services.appointment_record(
            referral=referral,
            by=request.user,
            starts_at=form.starts_at(),
            location=form.cleaned_data["location"],
            version=form.version_sent(),
        ),
    )
    if saved is not None:
        return success(request, "Initial assessment appointment booked", _referral_url(referral))
    return _provider_form_page(
        request, referral, "appointment.html", form, rebooking=booked is not None
    )


@require_http_methods(["GET", "POST"])
@page_view(Page.PROVIDER_REFERRALS)
def provider_action_plan(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Submit the action plan, or revise the one awaiting the officer's approval."""
    referral = _referral_or_404(request, referral_id, Do.SUBMIT_ACTION_PLAN)
    pending = next((p for p in referral.action_plans.all() if p.approved_at is None), None)
    latest = pending or next(iter(referral.action_plans.all()), None)
    form = forms.ActionPlanForm(
        request.POST or None,
        initial=selectors.action_plan_state(latest)
        if latest
        else {"number_of_sessions": referral.service.sessions},
        version=str(pending.version) if pending else "",
    )
    saved = submitted(
        form,
        lambda: services.action_plan_submit(
            referral=referral,
            by=request.user,
            activities=form.activity_lines(),
            number_of_sessions=form.cleaned_data["number_of_sessions"],
            version=form.plan_version(),
        ),
    )
    if saved is not None:
        return success(
            request,
            "Action plan sent to the probation officer for approval",
            _referral_url(referral),
        )
    return _provider_form_page(request, referral, "action_plan.html", form, pending=pending)


@require_http_methods(["GET", "POST"])
@page_view(Page.PROVIDER_REFERRALS)
def provider_session(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Attendance and feedback for a session, or for the booked initial assessment
    (`?appointment=<id>`)."""
    referral = _referral_or_404(request, referral_id, Do.RECORD_SESSION)
    appointment = None
    wanted = request.GET.get("appointment", "")
    if wanted:
        appointment = next(
            (a for a in referral.appointments.all() if str(a.pk) == wanted and not a.recorded_at),
            None,
        )
        if appointment is None:
            raise Http404
    initial = {}
    if appointment is not None:
        state = selectors.appointment_state(appointment)
        initial = {"date": state["date"], "time": state["time"]}
    form = forms.SessionForm(
        request.POST or None,
        initial=initial,
        version=version_token(selectors.appointment_state(appointment)) if appointment else "",
    )
    saved = submitted(
        form,
        lambda: services.session_record(
            referral=referral,
            by=request.user,
            appointment=appointment,
            version=form.version_sent(),
            **form.service_kwargs(),
        ),
        field_map={"date": "date"},
    )
    if saved is not None:
        return success(request, f"{saved.get_kind_display()} recorded", _referral_url(referral))
    return _provider_form_page(request, referral, "session.html", form, appointment=appointment)
