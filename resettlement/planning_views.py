"""Screening across the seven pathways, the risk of harm on release and the resettlement
plan: the resettlement worker's work (Action.SCREEN, Action.PLAN_RESETTLEMENT), which the
community officer may do too. The services refuse what the rules do not allow (a plan
completed without its risk-of-harm section, a screening with pathways unanswered)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from cases.form_base import VersionOnlyForm
from cases.pages import attempt, case_context, case_page
from crc.access.policy import Action
from resettlement import forms, selectors, services
from resettlement.models import Pathway


def _episode(case):
    episode = selectors.open_episode_for_case(case)
    if episode is None:
        raise Http404("No open custody episode")
    return episode


def _back(case) -> str:
    return reverse("resettlement:episode", args=[case.crn])


def _render(request, opened, template: str, **extra) -> HttpResponse:
    return render(request, f"resettlement/{template}", case_context(request, opened, "", **extra))


@require_http_methods(["GET", "POST"])
@case_page("resettlement:screening_pathway", Action.SCREEN)
def screening_pathway(request: HttpRequest, opened, pathway: str) -> HttpResponse:
    if pathway not in Pathway.values:
        raise Http404("No such pathway")
    episode = _episode(opened.case)
    row = episode.screening.pathways.get(pathway=pathway)
    form = forms.PathwayScreeningForm.opened_on(request.POST or None, row)
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            form,
            lambda: services.screening_record(
                screening=episode.screening,
                pathway=pathway,
                by=request.user,
                expected_version=int(form.version_sent() or 0),
                **form.answers(),
            ),
        )
        if saved is not None:
            messages.success(request, f"{Pathway(pathway).label}: screening saved.")
            return redirect(_back(opened.case))
    return _render(
        request,
        opened,
        "screening_pathway.html",
        form=form,
        episode=episode,
        pathway_label=Pathway(pathway).label,
    )


@require_http_methods(["GET", "POST"])
@case_page("resettlement:screening_risk", Action.SCREEN)
def screening_risk(request: HttpRequest, opened) -> HttpResponse:
    episode = _episode(opened.case)
    screening = episode.screening
    form = forms.RiskOfHarmForm.opened_on(request.POST or None, screening)
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            form,
            lambda: services.screening_risk_record(
                screening=screening,
                by=request.user,
                expected_version=int(form.version_sent() or 0),
                **form.answers(),
            ),
        )
        if saved is not None:
            messages.success(request, "Risk of harm on release saved.")
            return redirect(_back(opened.case))
    return _render(request, opened, "risk_of_harm.html", form=form, episode=episode)


def _complete(request, opened, call, done: str) -> HttpResponse:
    form = VersionOnlyForm(request.POST)
    if form.is_valid() and attempt(form, lambda: call(int(form.version_sent() or 0))):
        messages.success(request, done)
    else:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect(_back(opened.case))


@require_POST
@case_page("resettlement:screening_complete", Action.SCREEN)
def screening_complete(request: HttpRequest, opened) -> HttpResponse:
    screening = _episode(opened.case).screening
    return _complete(
        request,
        opened,
        lambda version: services.screening_complete(
            screening=screening, by=request.user, expected_version=version
        ),
        "Screening complete.",
    )


@require_http_methods(["GET", "POST"])
@case_page("resettlement:plan_edit", Action.PLAN_RESETTLEMENT)
def plan_edit(request: HttpRequest, opened) -> HttpResponse:
    episode = _episode(opened.case)
    plan = episode.plan
    form = forms.PlanForm.opened_on(request.POST or None, plan)
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            form,
            lambda: services.plan_update(
                plan=plan,
                by=request.user,
                expected_version=int(form.version_sent() or 0),
                **form.answers(),
            ),
        )
        if saved is not None:
            messages.success(request, "Plan saved.")
            return redirect(_back(opened.case))
    return _render(request, opened, "plan_edit.html", form=form, episode=episode)


@require_http_methods(["GET", "POST"])
@case_page("resettlement:plan_action_new", Action.PLAN_RESETTLEMENT)
def plan_action_new(request: HttpRequest, opened) -> HttpResponse:
    episode = _episode(opened.case)
    form = forms.PlanActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = attempt(
            form,
            lambda: services.plan_action_add(
                plan=episode.plan,
                by=request.user,
                pathway=data["pathway"],
                owner=data["owner"],
                description=data["description"],
                due_on=data.get("due_on"),
            ),
        )
        if saved is not None:
            messages.success(request, "Action added to the plan.")
            return redirect(_back(opened.case))
    return _render(request, opened, "plan_action_new.html", form=form, episode=episode)


@require_POST
@case_page("resettlement:plan_complete", Action.PLAN_RESETTLEMENT)
def plan_complete(request: HttpRequest, opened) -> HttpResponse:
    plan = _episode(opened.case).plan
    return _complete(
        request,
        opened,
        lambda version: services.plan_complete(
            plan=plan, by=request.user, expected_version=version
        ),
        "Plan complete.",
    )


@require_http_methods(["GET", "POST"])
@case_page("resettlement:plan_action_edit", Action.PLAN_RESETTLEMENT)
def plan_action_edit(request: HttpRequest, opened, action_id: int) -> HttpResponse:
    episode = _episode(opened.case)
    action = episode.plan.actions.filter(pk=action_id).first()
    if action is None:
        raise Http404("No such action on this plan")
    form = forms.PlanActionUpdateForm.opened_on(request.POST or None, action)
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            form,
            lambda: services.plan_action_update(
                action=action,
                by=request.user,
                expected_version=int(form.version_sent() or 0),
                **form.answers(),
            ),
        )
        if saved is not None:
            messages.success(request, "Action updated.")
            return redirect(_back(opened.case))
    return _render(
        request, opened, "plan_action_edit.html", form=form, episode=episode, action=action
    )
