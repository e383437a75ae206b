"""The run-up to release: the release checklist, the first community appointment and the
handover to community providers (Action.PREPARE_RELEASE: the community officer and their
SPO). Each edits an existing record, so each carries the version it was opened at and a
stale save is refused (resettlement.services.locked), never overwritten."""

from functools import partial

from django.http import HttpRequest, HttpResponse

from cases.pages import case_form_page
from crc.access.policy import Action
from resettlement import forms, release, rules
from resettlement.pages import edit_page, open_episode_or_404


def _checklist(case):
    episode = open_episode_or_404(case)
    return episode, episode.checklist


@case_form_page("resettlement:checklist_edit", Action.PREPARE_RELEASE)
def checklist_edit(request: HttpRequest, opened) -> HttpResponse:
    episode, checklist = _checklist(opened.case)
    return edit_page(
        request,
        opened,
        form=forms.ChecklistForm.opened_on(request.POST or None, checklist),
        save=partial(release.checklist_update, checklist=checklist, by=request.user),
        done="Release checklist saved.",
        template="checklist_edit.html",
        episode=episode,
    )


@case_form_page("resettlement:first_appointment_new", Action.PREPARE_RELEASE)
def first_appointment_new(request: HttpRequest, opened) -> HttpResponse:
    episode, checklist = _checklist(opened.case)
    earliest, latest = rules.first_appointment_window(episode.expected_release_date)
    return edit_page(
        request,
        opened,
        form=forms.FirstAppointmentForm(
            request.POST or None, version=str(checklist.version), initial={"date": earliest}
        ),
        answers=lambda form: {
            "starts_at": form.starts_at(),
            "location": form.cleaned_data["location"],
        },
        save=partial(release.first_appointment_book, checklist=checklist, by=request.user),
        done="First appointment booked.",
        template="first_appointment_new.html",
        episode=episode,
        checklist=checklist,
        earliest=earliest,
        latest=latest,
    )


@case_form_page("resettlement:handover", Action.PREPARE_RELEASE)
def handover(request: HttpRequest, opened) -> HttpResponse:
    episode, checklist = _checklist(opened.case)
    return edit_page(
        request,
        opened,
        form=forms.HandoverForm.opened_on(request.POST or None, checklist),
        # The service calls the notes what the checklist calls handover_notes.
        answers=lambda form: {
            "handover_to": form.cleaned_data["handover_to"],
            "notes": form.cleaned_data["handover_notes"],
        },
        save=partial(release.handover_record, checklist=checklist, by=request.user),
        done="Handover recorded.",
        template="handover.html",
        episode=episode,
    )
