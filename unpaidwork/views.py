"""The unpaid work pages: the supervisor's sessions and register, the coordinator's
projects. Who sees which session is crc.access.unpaid_work; a session the user may not
run is 404, as for anything else they may not see."""

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.pages import attempt, submitted, success
from crc.access import unpaid_work as uw_access
from crc.access.marks import page_view
from crc.access.models import AccessKind
from crc.access.pages import Page
from crc.access.services import access_log_record_many
from unpaidwork import forms, session_services
from unpaidwork.models import Project, ProjectSession

UPCOMING_DAYS = 28


def _session_or_404(request, session_id: int) -> ProjectSession:
    session = get_object_or_404(
        uw_access.visible_sessions(
            request.user, ProjectSession.objects.select_related("project", "supervisor")
        ),
        pk=session_id,
    )
    if not uw_access.may_run_session(request.user, session):
        raise Http404
    return session


@require_GET
@page_view(Page.UW_SESSIONS)
def my_sessions(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    sessions = uw_access.visible_sessions(
        request.user,
        ProjectSession.objects.filter(
            date__gte=today, date__lte=today + dt.timedelta(days=UPCOMING_DAYS)
        ).select_related("project"),
    )
    return render(
        request,
        "unpaidwork/my_sessions.html",
        {
            "today_sessions": [s for s in sessions if s.date == today],
            "upcoming_sessions": [s for s in sessions if s.date > today],
        },
    )


def _register_rows(request, session, bound: forms.AttendanceForm | None):
    rows = []
    attendances = uw_access.visible_attendances(
        request.user, session.attendances.select_related("order__case")
    ).order_by("order__case__last_name", "order__case__first_name")
    for attendance in attendances:
        form = None
        if attendance.outcome == "expected":
            if bound is not None and bound.data.get("attendance") == str(attendance.pk):
                form = bound
            else:
                form = forms.AttendanceForm(
                    initial={"attendance": attendance.pk, "version": attendance.version},
                    prefix=None,
                    auto_id=f"a{attendance.pk}-%s",
                )
        person = uw_access.person_view(request.user, attendance.order.case)
        rows.append({"attendance": attendance, "person": person, "form": form})
    # Every person shown is a view of their case, logged as any other: one row each, in
    # one INSERT however long the register (docs/adr/0009).
    access_log_record_many(
        rows=[
            {
                "kind": AccessKind.VIEW,
                "page": request.path,
                "staff": request.user,
                "case": row["attendance"].order.case,
                "method": request.method,
                "relationship": "unpaid work session",
                "reason": f"register of session {session.pk}",
            }
            for row in rows
        ]
    )
    return rows


def _register_page(request, session, *, bound=None, stand_down_form=None) -> HttpResponse:
    """The register, with the attendance form or the stand-down form that was posted and
    refused, if any, showing why."""
    return render(
        request,
        "unpaidwork/session_register.html",
        {
            "session": session,
            "rows": _register_rows(request, session, bound),
            "bound": bound,
            "stand_down_form": stand_down_form or forms.StandDownForm(),
        },
    )


@require_http_methods(["GET", "POST"])
@page_view(Page.UW_SESSIONS)
def session_register(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session_or_404(request, session_id)
    bound = None
    if request.method == "POST":
        bound = forms.AttendanceForm(
            request.POST, auto_id=f"a{request.POST.get('attendance', '')}-%s"
        )
        if bound.is_valid():
            data = bound.cleaned_data
            attendance = get_object_or_404(
                uw_access.visible_attendances(request.user, session.attendances.all()),
                pk=data["attendance"],
            )
            recorded = attempt(
                bound,
                lambda: session_services.attendance_record(
                    attendance=attendance,
                    by=request.user,
                    expected_version=data["version"],
                    outcome=data["outcome"],
                    started_at=data["started_at"],
                    ended_at=data["ended_at"],
                    penalty_minutes=data["penalty_minutes"] or 0,
                    notes=data["notes"],
                ),
            )
            if recorded is not None:
                return success(
                    request,
                    f"{recorded.get_outcome_display()} recorded for {attendance.order.case.crn}",
                    "unpaidwork:session_register",
                    session.pk,
                )
    return _register_page(request, session, bound=bound)


@require_POST
@page_view(Page.UW_SESSIONS)
def session_stand_down(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session_or_404(request, session_id)
    form = forms.StandDownForm(request.POST)
    stood_down = submitted(
        form,
        lambda: session_services.session_stand_down(
            session=session, by=request.user, reason=form.cleaned_data["reason"]
        ),
    )
    if stood_down:
        return success(
            request,
            "The session is stood down; nobody on it loses hours",
            "unpaidwork:session_register",
            session.pk,
        )
    return _register_page(request, session, stand_down_form=form)


@require_GET
@page_view(Page.UW_COORDINATION)
def projects(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "unpaidwork/projects.html",
        {"projects": Project.objects.select_related("area").order_by("borough", "name")},
    )


@require_GET
@page_view(Page.UW_COORDINATION)
def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.select_related("area"), pk=project_id)
    sessions = project.sessions.filter(date__gte=timezone.localdate()).select_related("supervisor")
    return render(
        request, "unpaidwork/project_detail.html", {"project": project, "sessions": sessions}
    )
