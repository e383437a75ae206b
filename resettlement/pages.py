"""What the resettlement case pages share (planning_views.py and release_views.py): the
open custody episode or 404, the page template, and the versioned edit every form page is."""

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from cases.pages import attempt, case_context
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
    request, opened, *, form, save: Callable, done: str, template: str, **extra
) -> HttpResponse:
    """A form opened on a record (VersionedForm.opened_on). On a valid POST, ``save`` is
    called with the version the page was read at and the form's answers; saved, the
    episode page says ``done``; refused or invalid, the form shows again with why."""
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            form, lambda: save(expected_version=int(form.version_sent() or 0), **form.answers())
        )
        if saved is not None:
            messages.success(request, done)
            return redirect(episode_url(opened.case))
    return render_page(request, opened, template, form=form, **extra)
