"""The officer's interventions pages, reached through the case (cases.pages.case_page
opens it through crc.access and logs the view): the case's referrals and RAR days, the
directory with each service's eligibility for this case and the Grid's suggestions,
One Referral, one referral with its plan to approve, and withdrawing it.

Reading is reading the case; referring, approving and withdrawing are case work
(crc.access.interventions.officer_may, Action.EDIT_PLAN on the case)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from cases.models import PlanObjective
from cases.pages import act, case_context, case_form_page, case_page, submitted, success
from crc.access import interventions as access_interventions
from crc.access.policy import Action
from crc.stale import version_token
from interventions import forms, rules, selectors, services
from interventions.models import InterventionService, Referral

TAB = "interventions:case_interventions"
REFER = access_interventions.ReferralAction.REFER


def _render(request, template: str, opened, tab: str = "", **extra) -> HttpResponse:
    case = opened.case
    extra.setdefault("may_refer", access_interventions.officer_may(request.user, REFER, case))
    return render(
        request, f"interventions/case/{template}", case_context(request, opened, tab, **extra)
    )


def _referral(opened, referral_id: int) -> Referral:
    try:
        referral = selectors.referral_detail(referral_id)
    except Referral.DoesNotExist:
        raise Http404 from None
    if referral.case_id != opened.case.pk:
        raise Http404  # another case's referral under this CRN
    return referral


def _referral_url(opened, referral) -> str:
    return reverse("interventions:case_referral", args=[opened.case.crn, referral.pk])


@require_GET
@case_page(TAB)
def case_interventions(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    return _render(
        request,
        "referrals.html",
        opened,
        TAB,
        referrals=selectors.referrals_for_case(case),
        rar=selectors.rar_for_case(case),
    )


@require_GET
@case_page("interventions:case_directory")
def case_directory(request: HttpRequest, opened) -> HttpResponse:
    form = forms.DirectorySearchForm(request.GET or None)
    query = kind = ""
    if form.is_valid():
        query, kind = form.cleaned_data["query"].strip(), form.cleaned_data["kind"]
    return _render(
        request,
        "directory.html",
        opened,
        form=form,
        entries=selectors.directory_for_case(opened.case, query=query, kind=kind),
        suggestions=selectors.grid_suggestions(opened.case),
    )


@case_form_page("interventions:case_refer", Action.EDIT_PLAN)
def case_refer(request: HttpRequest, opened, service_id: int) -> HttpResponse:
    case = opened.case
    service = get_object_or_404(
        InterventionService.objects.select_related("provider"), pk=service_id
    )
    prefill = selectors.referral_prefill(case, service)
    objectives = list(PlanObjective.objects.filter(plan__case=case).order_by("position", "pk"))
    form = forms.ReferralForm(
        request.POST or None,
        objectives=objectives,
        initial={
            "reason": prefill["reason"],
            "objectives": [str(o["objective"].pk) for o in prefill["desired_outcomes"]],
        },
    )
    referral = submitted(
        form,
        lambda: services.referral_create(
            case=case,
            service=service,
            by=request.user,
            desired_outcomes=form.desired_outcomes(),
            reason=form.cleaned_data["reason"],
            share_full_risk=form.cleaned_data["share_full_risk"] == "yes",
        ),
        field_map={"desired_outcomes": "objectives"},
    )
    if referral is not None:
        return success(request, f"Referral sent to {service.name}", _referral_url(opened, referral))
    reasons = rules.eligibility(service.terms, selectors.person_facts(case))
    return _render(
        request,
        "refer.html",
        opened,
        form=form,
        service=service,
        suggested=prefill["suggested"],
        reasons=reasons,
    )


@require_GET
@case_page("interventions:case_referral")
def case_referral(request: HttpRequest, opened, referral_id: int) -> HttpResponse:
    referral = _referral(opened, referral_id)
    pending = next((p for p in referral.action_plans.all() if p.approved_at is None), None)
    user, case = request.user, opened.case
    return _render(
        request,
        "referral.html",
        opened,
        referral=referral,
        pending_plan=pending,
        approved_plan=next((p for p in referral.action_plans.all() if p.approved_at), None),
        may_approve=access_interventions.officer_may(
            user, access_interventions.ReferralAction.APPROVE_PLAN, case
        ),
        may_withdraw=referral.status in rules.IN_PROGRESS
        and access_interventions.officer_may(
            user, access_interventions.ReferralAction.WITHDRAW, case
        ),
        approve_form=forms.ApprovePlanForm(version=str(pending.version)) if pending else None,
    )


@require_POST
@case_page("interventions:case_plan_approve", Action.EDIT_PLAN)
def case_plan_approve(request: HttpRequest, opened, referral_id: int) -> HttpResponse:
    referral = _referral(opened, referral_id)
    pending = next((p for p in referral.action_plans.all() if p.approved_at is None), None)
    if pending is None:
        messages.error(request, "There is no action plan waiting for approval")
        return redirect(_referral_url(opened, referral))
    sent = request.POST.get("version", "")
    # A stale approval (the provider revised the plan) is refused: the page shows the new one.
    act(
        request,
        lambda: services.action_plan_approve(
            plan=pending, by=request.user, version=int(sent) if sent.isdigit() else -1
        ),
        "Action plan approved",
    )
    return redirect(_referral_url(opened, referral))


@case_form_page("interventions:case_referral_withdraw", Action.EDIT_PLAN)
def case_referral_withdraw(request: HttpRequest, opened, referral_id: int) -> HttpResponse:
    referral = _referral(opened, referral_id)
    form = forms.WithdrawForm(
        request.POST or None, version=version_token(selectors.referral_state(referral))
    )
    withdrawn = submitted(
        form,
        lambda: services.referral_withdraw(
            referral=referral,
            by=request.user,
            reason=form.cleaned_data["withdrawal_reason"],
            version=form.version_sent(),
        ),
        field_map={"reason": "withdrawal_reason"},
    )
    if withdrawn is not None:
        return success(
            request,
            f"Referral withdrawn: {withdrawn.get_status_display()}",
            _referral_url(opened, referral),
        )
    return _render(request, "withdraw.html", opened, form=form, referral=referral)
