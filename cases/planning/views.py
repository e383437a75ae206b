"""The "Assessment and plan" tab and its forms.

Each form page has the one shape every case form page has (cases.pages), and success
redirects to its section of the tab.

A stale save of a versioned record (someone else saved first) re-renders the form with
the user's own text still in the boxes and the newer saved text beside each section, and
the hidden version moved on to the newer one: saving again is then a deliberate choice
made after reading theirs, never a silent overwrite.
"""

from functools import partial

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from cases.models import Agency, Assessment, PlanAction, PlanObjective, SentencePlan
from cases.pages import (
    act,
    case_context,
    case_form_page,
    case_page,
    form_error,
    save_answers,
    submitted,
    success,
    tab_url,
)
from cases.planning import forms, information_requests, selectors, services
from crc.access.policy import Action
from crc.domain import DomainError, StaleVersionError

TAB = "cases:assessment"


def _render(request, template: str, opened, **extra) -> HttpResponse:
    # No tab is marked current on a form page (aria-current would say it is the tab).
    return render(request, f"cases/planning/{template}", case_context(request, opened, "", **extra))


def _on_tab(case, anchor: str) -> str:
    return f"{tab_url(TAB, case)}#{anchor}"


@require_GET
@case_page(TAB)
def assessment(request: HttpRequest, opened) -> HttpResponse:
    page = selectors.assessment_page(opened.case)
    return render(
        request,
        "cases/planning/assessment.html",
        case_context(
            request,
            opened,
            TAB,
            page=page,
            sections=[
                (name, Assessment._meta.get_field(name).verbose_name.capitalize())
                for name in services.ASSESSMENT_FIELDS
            ],
        ),
    )


def _stale_form(form_class, request, error: StaleVersionError, newer):
    """The user's submission again, with the error on top and the version moved on."""
    data = request.POST.copy()
    data["version"] = newer.version if newer else 0
    form = form_class(data)
    form.is_valid()
    form.add_error(None, error.message)
    return form


def _changed(form, newer, names) -> list[tuple[str, str]]:
    """The fields whose newer saved value differs from what the user typed, to link to."""
    if newer is None:
        return []
    changed = []
    for name in names:
        theirs, mine = getattr(newer, name), form[name].value()
        if isinstance(theirs, bool):
            same = theirs == bool(mine)
        else:
            same = (theirs or "").strip() == (mine or "").strip()
        if not same:
            changed.append((name, str(form[name].label)))
    return changed


def _versioned_edit(
    request, opened, *, model, form_class, save, fields, template, saved, anchor
) -> HttpResponse:
    """The assessment and the plan are edited alike: one record per case, saved whole
    with its version; a stale save shows the newer record beside the user's answers."""
    case = opened.case
    current = model.objects.filter(case=case).first()
    form = form_class(request.POST or None, initial=form_class.initial_for(current))
    newer = None
    if request.method == "POST" and form.is_valid():
        try:
            save(form, case=case, by=request.user, version=form.cleaned_data["version"])
        except StaleVersionError as error:
            newer = model.objects.filter(case=case).select_related("updated_by").first()
            form = _stale_form(form_class, request, error, newer)
        except DomainError as error:
            form_error(form, error)
        else:
            return success(request, saved, _on_tab(case, anchor))
    return _render(
        request, template, opened, form=form, newer=newer, changed=_changed(form, newer, fields)
    )


# --- Assessment ----------------------------------------------------------------------------


@case_form_page("cases:assessment_edit", Action.EDIT_PLAN)
def assessment_edit(request: HttpRequest, opened) -> HttpResponse:
    return _versioned_edit(
        request,
        opened,
        model=Assessment,
        form_class=forms.AssessmentForm,
        save=lambda form, **common: services.assessment_save(**common, **form.sections()),
        fields=services.ASSESSMENT_FIELDS,
        template="assessment_edit.html",
        saved="Assessment saved.",
        anchor="assessment",
    )


@case_form_page("cases:assessment_complete", Action.EDIT_PLAN)
def assessment_complete(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    current = get_object_or_404(Assessment, case=case)
    form = forms.VersionOnlyForm(request.POST or None, initial={"version": current.version})
    done = submitted(
        form,
        lambda: services.assessment_complete(
            assessment=current, by=request.user, version=form.cleaned_data["version"]
        ),
    )
    if done is not None:
        still_open = services.open_requests(case)
        text = "Assessment completed."
        if still_open:
            agencies = ", ".join(r.get_agency_display().lower() for r in still_open)
            text += f" Still waiting for: {agencies}. Bring their answers in when they arrive."
        return success(request, text, _on_tab(case, "assessment"))
    return _render(
        request,
        "assessment_complete.html",
        opened,
        form=form,
        assessment=current,
        required=information_requests.information_request_required(case),
        open_requests=services.open_requests(case),
    )


@case_form_page("cases:assessment_bring_in_answers", Action.EDIT_PLAN)
def assessment_bring_in_answers(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    current = Assessment.objects.filter(case=case).first()
    form = forms.VersionOnlyForm(
        request.POST or None, initial={"version": current.version if current else 0}
    )
    saved = submitted(
        form,
        lambda: services.assessment_bring_in_answers(
            case=case, by=request.user, version=form.cleaned_data["version"]
        ),
    )
    if saved is not None:
        return success(request, "Answers brought into the assessment.", _on_tab(case, "assessment"))
    return _render(
        request,
        "bring_in_answers.html",
        opened,
        form=form,
        answers=[
            (services.answer_heading(r), r.answer)
            for r in services.answers_not_brought_in(case, current)
        ],
    )


# --- Information requests ----------------------------------------------------------------


@case_form_page("cases:information_request_new", Action.EDIT_PLAN)
def information_request_new(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    agency = (request.POST or request.GET).get("agency")
    agency = agency if agency in Agency.values else None
    initial = {}
    if agency:
        initial = {"agency": agency, "question": selectors.PROMPTS[agency][1]}
    form = forms.InformationRequestForm(request.POST or None, agency=agency, initial=initial)
    raised = save_answers(
        form, partial(information_requests.information_request_raise, case=case, by=request.user)
    )
    if raised is not None:
        return success(
            request,
            f"Request to {raised.get_agency_display().lower()} recorded as sent. "
            f"Chase it on {raised.chase_due_on.day} {raised.chase_due_on:%B %Y} "
            "if there is no answer.",
            _on_tab(case, "information-requests"),
        )
    return _render(
        request,
        "information_request_new.html",
        opened,
        form=form,
        agency=agency,
        deadlines=information_requests.information_request_deadlines(),
    )


def _open_request(case, request_id: int):
    return get_object_or_404(
        case.information_requests.select_related("partner_organisation"), pk=request_id
    )


@case_form_page("cases:information_request_answer", Action.EDIT_PLAN)
def information_request_answer(request: HttpRequest, opened, request_id: int) -> HttpResponse:
    case = opened.case
    info_request = _open_request(case, request_id)
    form = forms.InformationAnswerForm(request.POST or None)
    answered = save_answers(
        form,
        partial(
            information_requests.information_request_answer, request=info_request, by=request.user
        ),
    )
    if answered is not None:
        return success(
            request,
            "Answer recorded. Bring it into the assessment below.",
            _on_tab(case, "information-requests"),
        )
    return _render(
        request, "information_request_answer.html", opened, form=form, info_request=info_request
    )


@case_form_page("cases:information_request_withdraw", Action.EDIT_PLAN)
def information_request_withdraw(request: HttpRequest, opened, request_id: int) -> HttpResponse:
    case = opened.case
    info_request = _open_request(case, request_id)
    form = forms.InformationWithdrawForm(request.POST or None)
    withdrawn = save_answers(
        form,
        partial(
            information_requests.information_request_withdraw, request=info_request, by=request.user
        ),
    )
    if withdrawn is not None:
        return success(request, "Request withdrawn.", _on_tab(case, "information-requests"))
    return _render(
        request, "information_request_withdraw.html", opened, form=form, info_request=info_request
    )


# --- Sentence plan -------------------------------------------------------------------------


@case_form_page("cases:plan_edit", Action.EDIT_PLAN)
def plan_edit(request: HttpRequest, opened) -> HttpResponse:
    return _versioned_edit(
        request,
        opened,
        model=SentencePlan,
        form_class=forms.PlanForm,
        save=lambda form, **common: services.plan_save(**common, **form.plan_fields()),
        fields=services.PLAN_FIELDS,
        template="plan_edit.html",
        saved="Sentence plan saved.",
        anchor="plan",
    )


@case_form_page("cases:plan_objective_add", Action.EDIT_PLAN)
def plan_objective_add(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    form = forms.ObjectiveForm(
        request.POST or None,
        initial={"addresses_risk_of_harm": request.GET.get("risk") == "1"},
    )
    objective = save_answers(form, partial(services.plan_objective_add, case=case, by=request.user))
    if objective is not None:
        return success(
            request, "Objective added. Add the actions that will achieve it.", _on_tab(case, "plan")
        )
    return _render(request, "plan_objective_add.html", opened, form=form)


@case_form_page("cases:plan_action_add", Action.EDIT_PLAN)
def plan_action_add(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    objectives = PlanObjective.objects.filter(plan__case=case)
    if request.method == "GET" and not objectives.exists():
        messages.info(request, "Add an objective first: every action works towards one.")
        return redirect("cases:plan_objective_add", case.crn)
    form = forms.ActionForm(
        request.POST or None,
        objectives=objectives,
        initial={"objective": request.GET.get("objective")},
    )
    action = save_answers(form, partial(services.plan_action_add, by=request.user))
    if action is not None:
        return success(request, "Action added.", _on_tab(case, "plan"))
    return _render(request, "plan_action_add.html", opened, form=form)


@require_POST
@case_page("cases:plan_action_done", Action.EDIT_PLAN)
def plan_action_done(request: HttpRequest, opened, action_id: int) -> HttpResponse:
    case = opened.case
    action = get_object_or_404(PlanAction, pk=action_id, objective__plan__case=case)
    act(
        request,
        lambda: services.plan_action_complete(action=action, by=request.user),
        f"Marked as done: {action.description[:60]}.",
    )
    return redirect(_on_tab(case, "plan"))
