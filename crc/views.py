"""Pages that belong to no one app: home, accessibility statement, keep-alive, errors."""

import sys

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from crc import navigation, worklist
from crc.access.marks import page_view, public_view
from crc.access.pages import Page, may_use
from crc.organisation.models import Role, Team
from crc.outage import database_unavailable, service_unavailable

# What each role is told on their home page, beyond the list of places they can go.
ROLE_GUIDANCE = {
    Role.PROBATION_OFFICER: "Your appointments and what is waiting on your cases.",
    Role.PROBATION_SERVICES_OFFICER: ("Your appointments and what is waiting on your cases."),
    Role.SENIOR_PROBATION_OFFICER: "Decisions waiting for you and your own cases' work.",
    Role.AREA_MANAGER: "What needs attention across your area, from your dashboard.",
    Role.QUALITY_PERFORMANCE_MANAGER: (
        "Your quality audits, and what needs attention across the service."
    ),
    Role.SERVICE_CENTRE: (
        "You manage staff accounts, teams and partner organisations in the admin."
    ),
    Role.ADMINISTRATOR: (
        "You manage staff accounts, teams, partner organisations and the service's "
        "reference data in the admin."
    ),
    Role.UNPAID_WORK_COORDINATOR: "Projects, inductions and the session schedule are here.",
    Role.UNPAID_WORK_SUPERVISOR: "Your sessions and their registers are here.",
    Role.RESETTLEMENT_WORKER: "The custody cases of your prison are here.",
    Role.PROVIDER_CASEWORKER: "Referrals to your organisation are here.",
}


@require_GET
@page_view(Page.HOME)
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.team_id:
        # The page names the team, its office and area (Staff.area): one query, not three.
        user.team = Team.objects.select_related("office__area").get(pk=user.team_id)
    # The home page links to everywhere else, so it is not one of its own destinations.
    destinations = [item for item in navigation.visible_items(user) if item.url_name != "home"]
    return render(
        request,
        "home.html",
        {
            "destinations": destinations,
            "guidance": ROLE_GUIDANCE.get(user.role, ""),
            "work_groups": worklist.work_list(user, today=timezone.localdate()),
            "show_admin": may_use(user, Page.ADMIN_SITE),
        },
    )


@public_view
@login_not_required
@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "accessibility.html")


@page_view(Page.ACCOUNT)
@require_GET
@never_cache
def session_keep_alive(request: HttpRequest) -> HttpResponse:
    """Answer the timeout warning's "Stay signed in": the request itself extends the
    session. Signed-out callers are redirected to sign in
    by LoginRequiredMiddleware, which tells the script the session has already gone.
    Always saved, whatever SessionRefreshMiddleware's once-a-minute rule would do."""
    request.session.modified = True
    return HttpResponse(status=204)


@public_view
@login_not_required
def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


@public_view
@login_not_required
def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


@public_view
@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request, so no context processor runs: the shell's would load
    # the session and the user, and the database may be the thing that is down.
    context = {
        "service_name": settings.SERVICE_NAME,
        "cspNonce": getattr(request, "csp_nonce", ""),
    }
    if database_unavailable(sys.exc_info()[1]):
        # Django calls handler500 inside its `except` block: the error is exc_info's.
        return service_unavailable(request)
    return render(None, "errors/500.html", context, status=500)
