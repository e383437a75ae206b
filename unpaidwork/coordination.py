"""The placement coordinator's pages (Page UW_COORDINATION): open orders, one order's
induction, allocation and schedule, and the review of community nominations. Thin: the
services decide, their refusals come back as GOV.UK form errors, and every page that
shows a person writes an access-log row."""

import datetime as dt

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.pages import attempt, form_error
from crc.access.marks import page_view
from crc.access.pages import Page
from crc.access.services import case_use_record
from crc.domain import DomainError
from crc.stale import version_token
from unpaidwork import coordination_forms as cforms
from unpaidwork import selectors, services, session_services
from unpaidwork.models import (
    OPEN_STATUSES,
    EteReferral,
    InductionStatus,
    Nomination,
    NominationStatus,
    Placement,
    ProjectSession,
    UnpaidWorkOrder,
    UnpaidWorkStatus,
)

ORDERS_SHOWN = 200


def _current_placements():
    return Prefetch(
        "placements",
        queryset=Placement.objects.filter(ended_at__isnull=True).select_related("project"),
        to_attr="current_placements",
    )


@require_GET
@page_view(Page.UW_COORDINATION)
def orders(request: HttpRequest) -> HttpResponse:
    """Open orders, the nearest deadline first (no person's record is opened here)."""
    rows = list(
        UnpaidWorkOrder.objects.filter(status__in=OPEN_STATUSES)
        .select_related("case")
        .prefetch_related(_current_placements())
        .order_by("deadline", "pk")[:ORDERS_SHOWN]
    )
    return render(
        request, "unpaidwork/coordination/orders.html", {"orders": rows, "shown": ORDERS_SHOWN}
    )


def _order(order_id: int) -> UnpaidWorkOrder:
    return get_object_or_404(
        UnpaidWorkOrder.objects.select_related("case").prefetch_related(_current_placements()),
        pk=order_id,
    )


def _schedulable(order: UnpaidWorkOrder):
    """Upcoming sessions of the person's current project, with the places taken."""
    placement = order.current_placements[0] if order.current_placements else None
    if placement is None or order.status != UnpaidWorkStatus.ACTIVE:
        return ProjectSession.objects.none()
    return (
        ProjectSession.objects.filter(
            project_id=placement.project_id, date__gte=timezone.localdate(), stood_down=False
        )
        .exclude(attendances__order=order)
        .annotate(taken=Count("attendances"))
        .order_by("date", "starts_at")
    )


def _render_order(request, order, *, status=200, **forms):
    case_use_record(
        staff=request.user,
        case=order.case,
        page=request.path,
        method=request.method,
        reason="unpaid work coordination",
    )
    booked = order.inductions.filter(status=InductionStatus.BOOKED).first()
    initial = {"version": order.version}
    sessions = _schedulable(order)
    context = {
        "order": order,
        "case": order.case,
        "progress": selectors.progress_for_orders([order])[order.pk],
        "placement": order.current_placements[0] if order.current_placements else None,
        "booked": booked,
        "inductions": order.inductions.all(),
        "referral": EteReferral.objects.filter(order=order).first(),
        "upcoming": order.attendances.filter(session__date__gte=timezone.localdate())
        .select_related("session__project")
        .order_by("session__date"),
        "book_form": forms.get("book_form") or cforms.InductionBookForm(),
        "record_form": forms.get("record_form") or cforms.InductionRecordForm(initial=initial),
        "allocate_form": forms.get("allocate_form") or cforms.AllocateForm(initial=initial),
        "schedule_form": forms.get("schedule_form") or cforms.ScheduleForm(sessions=sessions),
    }
    bound = [f for f in forms.values() if f is not None and f.errors]
    context["bound"] = bound[0] if bound else None
    return render(request, "unpaidwork/coordination/order.html", context, status=status)


@require_GET
@page_view(Page.UW_COORDINATION)
def order_detail(request: HttpRequest, uw_order_id: int) -> HttpResponse:
    return _render_order(request, _order(uw_order_id))


def _done(request, order, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("unpaidwork:coordination_order", order.pk)


@require_POST
@page_view(Page.UW_COORDINATION)
def induction_book(request: HttpRequest, uw_order_id: int) -> HttpResponse:
    order = _order(uw_order_id)
    form = cforms.InductionBookForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        starts = timezone.make_aware(dt.datetime.combine(data["on"], data["starts_at"]))
        if attempt(
            form,
            lambda: services.induction_book(
                order=order, by=request.user, starts_at=starts, location=data["location"]
            ),
        ):
            return _done(request, order, "Induction booked")
    return _render_order(request, order, book_form=form)


@require_POST
@page_view(Page.UW_COORDINATION)
def induction_record(request: HttpRequest, uw_order_id: int) -> HttpResponse:
    order = _order(uw_order_id)
    form = cforms.InductionRecordForm(request.POST)
    booked = order.inductions.filter(status=InductionStatus.BOOKED).first()
    if booked is None:
        form.is_valid()
        form_error(form, DomainError("There is no induction booked to record"))
    elif form.is_valid():
        data = form.cleaned_data
        if attempt(
            form,
            lambda: services.induction_record(
                induction=booked,
                by=request.user,
                attended=data["attended"] == "yes",
                understanding_checked=data["understanding_checked"],
                understanding_notes=data["understanding_notes"],
                expected_version=data["version"],
            ),
        ):
            return _done(request, order, "Induction recorded")
    return _render_order(request, order, record_form=form)


@require_POST
@page_view(Page.UW_COORDINATION)
def allocate(request: HttpRequest, uw_order_id: int) -> HttpResponse:
    order = _order(uw_order_id)
    form = cforms.AllocateForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        placed = None
        try:
            placed = services.placement_allocate(
                order=order,
                project=data["project"],
                by=request.user,
                reason=data["reason"],
                expected_version=data["version"],
            )
        except services.AllocationRefused as refused:
            # Every reason on its own line of the error summary, each linked to the field.
            for reason in refused.reasons:
                form.add_error("project", f"Not suitable: {reason}")
        except DomainError as error:
            form_error(form, error)
        if placed:
            return _done(request, order, f"Placed on {placed.project.name}")
        order = _order(uw_order_id)
    return _render_order(request, order, allocate_form=form)


@require_POST
@page_view(Page.UW_COORDINATION)
def schedule(request: HttpRequest, uw_order_id: int) -> HttpResponse:
    order = _order(uw_order_id)
    form = cforms.ScheduleForm(request.POST, sessions=_schedulable(order))
    if form.is_valid():
        session = form.cleaned_data["session"]
        if attempt(
            form,
            lambda: session_services.session_schedule(
                session=session, order=order, by=request.user
            ),
            field_map={None: "session"},
        ):
            return _done(request, order, f"Expected at the session on {session.date:%d %B %Y}")
    return _render_order(request, order, schedule_form=form)


# --- Community nominations ----------------------------------------------------------------


@require_GET
@page_view(Page.UW_COORDINATION)
def nominations(request: HttpRequest) -> HttpResponse:
    waiting = Nomination.objects.filter(status=NominationStatus.SUBMITTED).order_by("submitted_at")
    return render(request, "unpaidwork/coordination/nominations.html", {"waiting": waiting})


@require_http_methods(["GET", "POST"])
@page_view(Page.UW_COORDINATION)
def nomination_review(request: HttpRequest, nomination_id: int) -> HttpResponse:
    nomination = get_object_or_404(Nomination, pk=nomination_id)
    version = version_token(services.nomination_state(nomination))
    accept_form = cforms.NominationAcceptForm(
        initial={
            "project_type": nomination.suggested_type or None,
            "kind": "group",
            "capacity_per_session": 6,
            "version": version,
        }
    )
    reject_form = cforms.NominationRejectForm(initial={"version": version})
    if request.method == "POST" and request.POST.get("decision") == "accept":
        accept_form = cforms.NominationAcceptForm(request.POST)
        if accept_form.is_valid():
            data = dict(accept_form.cleaned_data)
            reason, sent = data.pop("reason"), data.pop("version") or None
            project = attempt(
                accept_form,
                lambda: services.nomination_accept(
                    nomination=nomination, by=request.user, reason=reason, version=sent, **data
                ),
            )
            if project:
                messages.success(request, f"Project {project.name} created")
                return redirect("unpaidwork:project_detail", project.pk)
    elif request.method == "POST":
        reject_form = cforms.NominationRejectForm(request.POST)
        if reject_form.is_valid() and attempt(
            reject_form,
            lambda: services.nomination_reject(
                nomination=nomination,
                by=request.user,
                reason=reject_form.cleaned_data["reason"],
                version=reject_form.cleaned_data["version"] or None,
            ),
        ):
            messages.success(request, "Nomination rejected")
            return redirect("unpaidwork:nominations")
    bound = next((f for f in (accept_form, reject_form) if f.errors), None)
    return render(
        request,
        "unpaidwork/coordination/nomination.html",
        {
            "nomination": nomination,
            "accept_form": accept_form,
            "reject_form": reject_form,
            "bound": bound,
        },
    )
