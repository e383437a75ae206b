"""The provider caseworker's pages: My cases and Unassigned, one referral (with only the
risk stored on it when it was sent), and picking a referral up.

Every page is Page.PROVIDER_REFERRALS; which referrals a caseworker reaches is
crc.access.interventions (their own organisation's only; anything else is 404). Each
referral page shown is a disclosure to the partner and is logged as one.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from crc.access import interventions as access_interventions
from crc.access.marks import page_view
from crc.access.models import AccessKind
from crc.access.pages import Page
from crc.access.services import access_log_record
from crc.domain import DomainError
from interventions import selectors, services


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


def _referral_or_404(request: HttpRequest, referral_id: int):
    referral = selectors.provider_referral(request.user, referral_id)
    if referral is None:
        raise Http404
    return referral


@require_GET
@page_view(Page.PROVIDER_REFERRALS)
def provider_referral(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = _referral_or_404(request, referral_id)
    access_log_record(
        kind=AccessKind.DISCLOSURE,
        page=request.path,
        staff=request.user,
        case=referral.case,
        method=request.method,
        partner_organisation=request.user.partner_organisation,
    )
    user = request.user
    return render(
        request,
        "interventions/provider/referral.html",
        {
            "referral": referral,
            "may_assign": referral.caseworker_id is None
            and access_interventions.may_be_assigned(user, referral),
        },
    )


@require_POST
@page_view(Page.PROVIDER_REFERRALS)
def provider_referral_assign(request: HttpRequest, referral_id: int) -> HttpResponse:
    """A caseworker picks an unassigned referral up for themselves."""
    referral = _referral_or_404(request, referral_id)
    if not access_interventions.provider_may(
        request.user, access_interventions.ProviderAction.ASSIGN, referral
    ):
        raise Http404
    try:
        services.referral_assign(referral=referral, caseworker=request.user, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Referral assigned to you")
    return redirect("interventions:provider_referral", referral_id=referral.pk)
