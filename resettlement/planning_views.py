"""Screening across the seven pathways, the risk of harm on release and the resettlement
plan: the resettlement worker's work (Action.SCREEN, Action.PLAN_RESETTLEMENT), which the
community officer may do too. The services refuse what the rules do not allow (a plan
completed without its risk-of-harm section, a screening with pathways unanswered)."""

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from cases.form_base import VersionOnlyForm
from cases.pages import attempt, case_form_page, case_page, save_answers, success
from crc.access.policy import Action
from resettlement import forms, services
from resettlement.models import Pathway
from resettlement.pages import edit_page, episode_url, open_episode_or_404, render_page


@case_form_page("resettlement:screening_pathway", Action.SCREEN)
def screening_pathway(request: HttpRequest, opened, pathway: str) -> HttpResponse:
    if pathway not in Pathway.values:
        raise Http404("No such pathway")
    episode = open_episode_or_404(opened.case)
    row = episode.screening.pathways.get(pathway=pathway)
    return edit_page(
        request,
        opened,
        form=forms.PathwayScreeningForm.opened_on(request.POST or None, row),
        save=partial(
            services.screening_record,
            screening=episode.screening,
            pathway=pathway,
            by=request.user,
        ),
        done=f"{Pathway(pathway).label}: screening saved.",
        template="screening_pathway.html",
        episode=episode,
        pathway_label=Pathway(pathway).label,
    )


@case_form_page("resettlement:screening_risk", Action.SCREEN)
def screening_risk(request: HttpRequest, opened) -> HttpResponse:
    episode = open_episode_or_404(opened.case)
    screening = episode.screening
    return edit_page(
        request,
        opened,
        form=forms.RiskOfHarmForm.opened_on(request.POST or None, screening),
        save=partial(services.screening_risk_record, screening=screening, by=request.user),
        done="Risk of harm on release saved.",
        template="risk_of_harm.html",
        episode=episode,
    )


def _complete(request, opened, save: Callable, done: str) -> HttpResponse:
    """A button that completes a record: ``save`` is called with the version the page was
    read at; done or refused, the episode page says so."""
    form = VersionOnlyForm(request.POST)
    if form.is_valid() and attempt(
        form, lambda: save(expected_version=int(form.version_sent() or 0))
    ):
        messages.success(request, done)
    else:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect(episode_url(opened.case))


@require_POST
@case_page("resettlement:screening_complete", Action.SCREEN)
def screening_complete(request: HttpRequest, opened) -> HttpResponse:
    screening = open_episode_or_404(opened.case).screening
    save = partial(services.screening_complete, screening=screening, by=request.user)
    return _complete(request, opened, save, "Screening complete.")


@case_form_page("resettlement:plan_edit", Action.PLAN_RESETTLEMENT)
def plan_edit(request: HttpRequest, opened) -> HttpResponse:
    episode = open_episode_or_404(opened.case)
    plan = episode.plan
    return edit_page(
        request,
        opened,
        form=forms.PlanForm.opened_on(request.POST or None, plan),
        save=partial(services.plan_update, plan=plan, by=request.user),
        done="Plan saved.",
        template="plan_edit.html",
        episode=episode,
    )


@case_form_page("resettlement:plan_action_new", Action.PLAN_RESETTLEMENT)
def plan_action_new(request: HttpRequest, opened) -> HttpResponse:
    episode = open_episode_or_404(opened.case)
    form = forms.PlanActionForm(request.POST or None)
    saved = save_answers(
        form, partial(services.plan_action_add, plan=episode.plan, by=request.user)
    )
    if saved is not None:
        return success(request, "Action added to the plan.", episode_url(opened.case))
    return render_page(request, opened, "plan_action_new.html", form=form, episode=episode)


@require_POST
@case_page("resettlement:plan_complete", Action.PLAN_RESETTLEMENT)
def plan_complete(request: HttpRequest, opened) -> HttpResponse:
    plan = open_episode_or_404(opened.case).plan
    save = partial(services.plan_complete, plan=plan, by=request.user)
    return _complete(request, opened, save, "Plan complete.")


@case_form_page("resettlement:plan_action_edit", Action.PLAN_RESETTLEMENT)
def plan_action_edit(request: HttpRequest, opened, action_id: int) -> HttpResponse:
    episode = open_episode_or_404(opened.case)
    action = episode.plan.actions.filter(pk=action_id).first()
    if action is None:
        raise Http404("No such action on this plan")
    return edit_page(
        request,
        opened,
        form=forms.PlanActionUpdateForm.opened_on(request.POST or None, action),
        save=partial(services.plan_action_update, action=action, by=request.user),
        done="Action updated.",
        template="plan_action_edit.html",
        episode=episode,
        action=action,
    )
