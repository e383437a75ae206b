"""Forms that change risk, registrations, needs, the contact level and escalations,
each of the one shape every case form page has (cases.pages).
"""

from functools import partial

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from cases import risk_concerns
from cases.form_base import VersionOnlyForm
from cases.models import (
    Case,
    ContactLevelDecision,
    ContactLevelStatus,
    CriminogenicNeed,
    Escalation,
    EscalationStatus,
    Registration,
)
from cases.pages import (
    attempt,
    case_form_page,
    case_page,
    render_edit,
    save_answers,
    submitted,
    success,
    tab_url,
)
from cases.risk import contact_levels, escalations
from cases.risk import forms as risk_forms
from cases.risk import rules as risk_rules
from cases.risk import services as risk_services
from crc.access.policy import Action
from crc.domain import DomainError, StaleVersionError
from crc.stale import version_token

# --- Risk ------------------------------------------------------------------------------

ESCALATED_MESSAGE = (
    "Risk recorded. This case must be escalated to the NPS: your SPO has been alerted and "
    "the service centre has a referral task."
)


def _risk_tab(case: Case, anchor: str = "") -> str:
    """Where a change made here is shown: the risk tab, at its section."""
    url = tab_url("cases:risk", case)
    return f"{url}#{anchor}" if anchor else url


def _has_open_escalation(case: Case) -> bool:
    return Escalation.objects.filter(case=case).exclude(status=EscalationStatus.CLOSED).exists()


@case_form_page("cases:risk_edit", Action.RECORD_RISK)
def risk_edit(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    form = risk_forms.RiskForm(
        request.POST or None,
        case=case,
        initial=risk_forms.RiskForm.initial_for(case),
        version=version_token(risk_services.risk_state(case)),
    )
    # open_escalations is prefetched by the case page: the state before this save.
    had_escalation = bool(case.open_escalations)
    saved = save_answers(form, partial(risk_services.risk_record, case=case, by=request.user))
    if saved is not None:
        escalated = not had_escalation and _has_open_escalation(saved)
        return success(
            request, ESCALATED_MESSAGE if escalated else "Risk recorded.", _risk_tab(case)
        )
    return render_edit(request, "risk_edit.html", opened, form=form)


@case_form_page("cases:registration_add", Action.RECORD_RISK)
def registration_add(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    active_types = {r.registration_type for r in case.active_registrations}
    form = risk_forms.RegistrationForm(
        request.POST or None,
        active_types=active_types,
        initial={"registered_on": timezone.localdate()},
    )
    registration = save_answers(
        form, partial(risk_services.registration_add, case=case, by=request.user)
    )
    if registration is not None:
        return success(
            request,
            f"{registration} registered. Next review by {registration.next_review_date:%-d %B %Y}.",
            "cases:risk",
            case.crn,
        )
    return render_edit(request, "registration_add.html", opened, form=form)


def _active_registration(case: Case, registration_id: int, method: str = "GET") -> Registration:
    # A POST may come from a page opened before someone else ended the registration:
    # it reaches the service, which refuses it as stale rather than as "not found".
    ended = {} if method == "POST" else {"ended_on__isnull": True}
    return get_object_or_404(Registration, pk=registration_id, case=case, **ended)


@case_form_page("cases:registration_review", Action.RECORD_RISK)
def registration_review(request: HttpRequest, opened, registration_id: int) -> HttpResponse:
    case = opened.case
    registration = _active_registration(case, registration_id, request.method)
    # A confirmation with no answers posts nothing but its version: bound on any POST.
    form = VersionOnlyForm(
        request.POST if request.method == "POST" else None,
        version=version_token(risk_services.registration_state(registration)),
    )
    reviewed = submitted(
        form,
        lambda: risk_services.registration_review(
            registration=registration, by=request.user, version=form.version_sent()
        ),
    )
    if reviewed is not None:
        return success(
            request,
            f"{reviewed} reviewed. Next review by {reviewed.next_review_date:%-d %B %Y}.",
            "cases:risk",
            case.crn,
        )
    months = risk_services.registration_review_months(registration.registration_type)
    return render_edit(
        request,
        "registration_review.html",
        opened,
        form=form,
        registration=registration,
        months=months,
        next_review=risk_rules.add_months(timezone.localdate(), months),
    )


@case_form_page("cases:registration_end", Action.RECORD_RISK)
def registration_end(request: HttpRequest, opened, registration_id: int) -> HttpResponse:
    case = opened.case
    registration = _active_registration(case, registration_id, request.method)
    form = risk_forms.RegistrationEndForm(
        request.POST or None,
        version=version_token(risk_services.registration_state(registration)),
    )
    ended = save_answers(
        form, partial(risk_services.registration_end, registration=registration, by=request.user)
    )
    if ended is not None:
        return success(request, f"{registration} ended.", _risk_tab(case))
    return render_edit(
        request,
        "registration_end.html",
        opened,
        form=form,
        registration=registration,
    )


@case_form_page("cases:needs_edit", Action.RECORD_RISK)
def needs_edit(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    rows = list(CriminogenicNeed.objects.filter(case=case))
    form = risk_forms.NeedsForm(
        request.POST or None,
        initial=risk_forms.NeedsForm.initial_for(case, rows),
        version=version_token(risk_services.needs_state(case)),
    )
    saved = submitted(
        form,
        lambda: risk_services.needs_record(
            case=case,
            by=request.user,
            needs=form.needs(),
            strengths=form.cleaned_data["strengths"],
            version=form.version_sent(),
        ),
    )
    if saved is not None:
        return success(request, f"Needs recorded. The tier is now {saved.tier}.", _risk_tab(case))
    return render_edit(request, "needs_edit.html", opened, form=form)


# --- Contact level -----------------------------------------------------------------------


def _level_in_force(case: Case) -> ContactLevelDecision | None:
    return next(
        (d for d in case.current_contact_levels if d.status == ContactLevelStatus.ACTIVE), None
    )


@case_form_page("cases:contact_level_change", Action.CHANGE_CONTACT_LEVEL)
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
    form = risk_forms.ContactLevelForm(
        request.POST or None,
        initial=initial,
        version=version_token(contact_levels.contact_level_state(case)),
    )
    decision = save_answers(
        form, partial(contact_levels.contact_level_change, case=case, by=request.user)
    )
    if decision is not None:
        if decision.status == ContactLevelStatus.AWAITING_APPROVAL:
            text = (
                f"Your change to {decision.describe()} has gone to your SPO for approval, "
                "because it reduces contact while a risk concern is open. The current "
                "level stays in force until they decide."
            )
        else:
            text = f"Contact level changed to {decision.describe()}."
        return success(request, text, _risk_tab(case, "contact-level"))
    rule, phase = contact_levels.grid_level_for(case)
    return render_edit(
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
    form = VersionOnlyForm(request.POST)
    form.is_valid()
    try:
        decision = contact_levels.contact_level_apply_grid(
            case=case,
            by=user,
            reason=f"Grid applied by {user.get_full_name() or user}",
            version=form.version_sent(),
        )
    except StaleVersionError as error:
        # The button was pressed on a page showing an older level: show what is in
        # force now beside the refusal, on the risk page the button came from.
        form.show_stale(error)
        now = "; ".join(f"{label}: {value}" for label, value in form.stale_differences)
        messages.error(request, f"The Grid was not applied. {error.message} {now}")
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
    return redirect(_risk_tab(case, "contact-level"))


@require_POST
@case_page("cases:contact_level_decide", Action.APPROVE)
def contact_level_decide(request: HttpRequest, opened, decision_id: int) -> HttpResponse:
    """The SPO's decision on a reduction, posted from the risk page. A refusal is shown on
    a page of its own with the request and the form again."""
    case = opened.case
    decision = get_object_or_404(
        ContactLevelDecision.objects.select_related("requested_by"), pk=decision_id, case=case
    )
    form = risk_forms.ContactLevelDecisionForm(request.POST)
    decided = submitted(
        form,
        lambda: contact_levels.contact_level_decide(
            decision=decision,
            by=request.user,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
            version=form.version_sent(),
        ),
    )
    if decided is not None:
        verdict = "approved" if decided.status == ContactLevelStatus.ACTIVE else "declined"
        return success(
            request,
            f"Reduction to {decided.describe()} {verdict}.",
            _risk_tab(case, "contact-level"),
        )
    return render_edit(request, "contact_level_decide.html", opened, form=form, decision=decision)


# --- Escalation --------------------------------------------------------------------------


@case_form_page("cases:escalation_raise", Action.RAISE_ESCALATION)
def escalation_raise(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    form = risk_forms.EscalationRaiseForm(request.POST or None)
    escalation = submitted(
        form,
        lambda: escalations.escalation_raise(
            case=case, by=request.user, reasons=form.cleaned_data["reasons"].strip()
        ),
        {None: "reasons"},
    )
    if escalation is not None:
        return success(
            request,
            "Escalation raised: your SPO has been alerted and the service centre has a "
            "referral task.",
            _risk_tab(case, "escalations"),
        )
    return render_edit(request, "escalation_raise.html", opened, form=form)


@case_form_page("cases:escalation_progress", Action.PROGRESS_ESCALATION)
def escalation_progress(request: HttpRequest, opened, escalation_id: int) -> HttpResponse:
    case = opened.case
    escalation = get_object_or_404(Escalation, pk=escalation_id, case=case)
    allowed = sorted(
        risk_rules.ESCALATION_TRANSITIONS[escalation.status],
        key=list(EscalationStatus).index,
    )
    if not allowed and request.method != "POST":
        # A closed escalation has nowhere to go; the risk page offers no link to it.
        # (A POST made before it closed goes on to be refused as stale.)
        raise Http404("No such open escalation")
    choices = [(status, EscalationStatus(status).label) for status in allowed]
    version = version_token(escalations.escalation_state(escalation))
    sent = request.POST.get("version")
    form = risk_forms.EscalationProgressForm(
        # A POST made from the choices of an earlier status goes on to the service,
        # which refuses it as stale (and says what is saved now) rather than here.
        request.POST or None,
        allowed=EscalationStatus.choices if sent and sent != version else choices,
        version=version,
    )
    valid = request.method == "POST" and form.is_valid()
    form.fields["to_status"].choices = choices
    if valid:
        progressed = attempt(
            form,
            lambda: escalations.escalation_progress(
                escalation=escalation, by=request.user, **form.cleaned_data
            ),
            {"status": "to_status"},
        )
        if progressed is not None:
            return success(
                request,
                f"Escalation updated: {progressed.get_status_display().lower()}.",
                _risk_tab(case, "escalations"),
            )
    return render_edit(
        request,
        "escalation_progress.html",
        opened,
        form=form,
        escalation=escalation,
    )
