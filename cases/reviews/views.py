"""The Reviews and Timeline tabs, the review form, and the SPO's oversight forms.

Thin: open the case through case_page (404 and one access-log row when out of scope or
not permitted), call a selector or a service, render. Oversight and countersigning use
Action.OVERSEE, whose only relationship is line management: the SPO.
"""

from functools import partial

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from cases import timeline as timeline_registry
from cases.models import ContactLevelDecision, Escalation, Review, ReviewStatus
from cases.pages import (
    case_context,
    case_form_page,
    case_page,
    form_error,
    save_answers,
    success,
)
from cases.reviews import forms, rules, selectors, services
from crc.access.policy import Action
from crc.domain import DomainError, StaleVersionError


def _render(request, template: str, opened, tab: str = "", **extra) -> HttpResponse:
    return render(request, f"cases/reviews/{template}", case_context(request, opened, tab, **extra))


@require_GET
@case_page("cases:reviews")
def reviews(request: HttpRequest, opened) -> HttpResponse:
    today = timezone.localdate()
    return _render(
        request,
        "reviews.html",
        opened,
        "cases:reviews",
        tab_data=selectors.reviews_tab(opened.case, today),
        today=today,
        section_labels=forms.SECTION_LABELS,
        event_lists=rules.EVENT_LISTS,
    )


@case_form_page("cases:review_complete", Action.COMPLETE_REVIEW)
def review_complete(request: HttpRequest, opened, review_id: int) -> HttpResponse:
    case = opened.case
    review = get_object_or_404(Review, pk=review_id, case=case)
    if review.status != ReviewStatus.DUE and request.method == "GET":
        messages.info(request, f"This review is already {review.get_status_display().lower()}.")
        return redirect("cases:reviews", case.crn)
    previous = selectors.previous_completed(review)
    changes = selectors.changes_since(case, selectors.review_since(review))
    previous_text = {n: getattr(previous, n) for n in rules.SECTIONS} if previous else {}
    newer = None
    if request.method == "POST":
        repeated = rules.repeated_sections(
            previous_text,
            {n: request.POST.get(n, "") for n in rules.SECTIONS},
            changes_exist=changes["count"] > 0,
        )
        form = forms.ReviewForm(request.POST, repeated=repeated)
        if form.is_valid():
            try:
                saved = services.review_complete(
                    review=review,
                    by=request.user,
                    version=form.cleaned_data["version"],
                    sections=form.sections(),
                    reapply_grid=form.cleaned_data["reapply_grid"],
                    unchanged_reasons=form.unchanged_reasons(),
                )
            except StaleVersionError as error:
                # Nothing was saved: show what the other person saved, and let this
                # officer save again on top of it knowingly.
                saved = None
                newer = Review.objects.select_related("completed_by").get(pk=review.pk)
                form.add_error(None, error.message)
            except DomainError as error:
                saved = None
                form_error(form, error)
            if saved is not None:
                return success(
                    request, f"{saved.get_kind_display()} completed.", "cases:reviews", case.crn
                )
    else:
        form = forms.ReviewForm(initial={"version": review.version, "reapply_grid": True})
    return _render(
        request,
        "review_complete.html",
        opened,
        form=form,
        review=review,
        previous=previous,
        changes=changes,
        newer=newer,
        section_labels=forms.SECTION_LABELS,
    )


@case_form_page("cases:oversight_new", Action.OVERSEE)
def oversight_new(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    form = forms.OversightForm(request.POST or None)
    entry = save_answers(form, partial(services.oversight_record, case=case, by=request.user))
    if entry is not None:
        return success(
            request,
            "Management oversight recorded.",
            f"{reverse('cases:reviews', args=[case.crn])}#oversight",
        )
    return _render(request, "oversight_new.html", opened, form=form)


@case_form_page("cases:countersign", Action.OVERSEE)
def countersign(request: HttpRequest, opened) -> HttpResponse:
    case = opened.case
    params = request.POST if request.method == "POST" else request.GET
    escalation = contact_level = None
    if params.get("escalation_id", "").isdigit():
        escalation = get_object_or_404(Escalation, pk=params["escalation_id"], case=case)
    elif params.get("contact_level_id", "").isdigit():
        contact_level = get_object_or_404(
            ContactLevelDecision, pk=params["contact_level_id"], case=case
        )
    else:
        raise Http404("Nothing to countersign")
    form = forms.CountersignForm(request.POST or None)
    entry = save_answers(
        form,
        partial(
            services.oversight_countersign,
            case=case,
            by=request.user,
            escalation=escalation,
            contact_level=contact_level,
        ),
    )
    if entry is not None:
        return success(
            request, "Countersigned.", f"{reverse('cases:reviews', args=[case.crn])}#oversight"
        )
    return _render(
        request,
        "countersign.html",
        opened,
        form=form,
        escalation=escalation,
        contact_level=contact_level,
    )


@require_GET
@case_page("cases:timeline")
def timeline(request: HttpRequest, opened) -> HttpResponse:
    form = forms.TimelineFilterForm(request.GET or None)
    kinds = form.kinds()
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    page = min(page, timeline_registry.MAX_PAGE)
    items, has_next = timeline_registry.case_timeline(
        opened.case, viewer=request.user, kinds=kinds, page=page
    )

    def href(number: int) -> str:
        query = request.GET.copy()
        query["page"] = number
        return f"?{query.urlencode()}"

    pagination = {
        "previous": {"href": href(page - 1)} if page > 1 else None,
        "next": {"href": href(page + 1)} if has_next else None,
    }
    return _render(
        request,
        "timeline.html",
        opened,
        "cases:timeline",
        form=form,
        items=items,
        page=page,
        pagination=pagination,
    )
