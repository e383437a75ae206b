"""What the resettlement case pages share (planning_views.py and release_views.py): the
open custody episode or 404, the page template, and the versioned edit every form page is."""

from collections.abc import Callable

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from cases.pages import case_context, submitted, success
from resettlement import selectors


def open_episode_or_404(case):
    episode = selectors.open_episode_for_case(case)
    if episode is None:
        raise Http404("No open custody episode")
    return episode


def episode_url(case) -> str:
    return reverse("resettlement:episode", args=[case.crn])


def render_page(request, opened, template: str, **extra) -> HttpResponse:
    return render(request, f"resettlement/{template}", case_context(request, opened, "", **extra))


def edit_page(
    request,
    opened,
    *,
    form,
    answers: Callable | None = None,
    save: Callable,
    done: str,
    template: str,
    **extra,
) -> HttpResponse:
    """A form on a record with a version (VersionedForm, usually opened_on the record). On
    a valid POST, ``save`` is called with the version the page was read at and the form's
    answers (``answers(form)`` where the service names them otherwise); saved, the
    episode page says ``done``; refused or invalid, the form shows again with why."""
    saved = submitted(
        form,
        lambda: save(
            expected_version=int(form.version_sent() or 0),
            **(answers(form) if answers else form.answers()),
        ),
    )
    if saved is not None:
        return success(request, done, episode_url(opened.case))
    return render_page(request, opened, template, form=form, **extra)
