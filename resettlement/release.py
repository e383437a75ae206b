"""Every write for the run-up to release and release itself (DOMAIN.md §6, pre-release):
the pre-release review, the community officer's pre-release contacts (recorded as
contacts on the case through cases.contacts.services), the release checklist, the
first community appointment, the handover and the release.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cases.contacts.services import appointment_book, contact_record
from cases.models import AttendanceOutcome, ContactType
from crc import history
from crc.domain import DomainError
from resettlement import rules
from resettlement.models import (
    ContactMethod,
    CustodyEpisode,
    EpisodeStatus,
    PreReleaseContact,
    PreReleaseReview,
    ReleaseChecklist,
)
from resettlement.services import locked, open_episode

# Each method is a contact type of the case record (cases gained "letter" and "prison
# visit" for this); this app's row keeps the method as well.
CONTACT_TYPE_FOR_METHOD = {
    ContactMethod.PHONE: ContactType.TELEPHONE,
    ContactMethod.VIDEO: ContactType.VIDEO,
    ContactMethod.VISIT: ContactType.PRISON_VISIT,
    ContactMethod.LETTER: ContactType.LETTER,
}


@transaction.atomic
def pre_release_review_record(
    *, episode: CustodyEpisode, by, held_on: dt.date, notes: str
) -> PreReleaseReview:
    """The plan reviewed before release (due 12 weeks before the expected date)."""
    episode = open_episode(CustodyEpisode.objects.select_for_update().get(pk=episode.pk))
    if held_on > timezone.localdate():
        raise DomainError("A review cannot be recorded before it happens", field="held_on")
    if held_on < episode.reception_date:
        raise DomainError("The review cannot be before reception", field="held_on")
    if not notes.strip():
        raise DomainError("Say what the review found", field="notes")
    review = PreReleaseReview(
        episode=episode,
        due_on=rules.pre_release_review_due(episode.expected_release_date),
        held_on=held_on,
        held_by=by,
        notes=notes.strip(),
    )
    return history.save_as(review, by)


@transaction.atomic
def pre_release_contact_record(
    *, episode: CustodyEpisode, by, method: str, happened_at: dt.datetime, summary: str
) -> PreReleaseContact:
    """The community officer's contact before release: a contact on the case (its
    timeline, its counts) and this episode's record of how it was made."""
    episode = open_episode(episode)
    if method not in ContactMethod.values:
        raise DomainError("Choose letter, phone, video or visit", field="method")
    if not summary.strip():
        raise DomainError("Write a summary of the contact", field="summary")
    contact = contact_record(
        case=episode.case,
        by=by,
        contact_type=CONTACT_TYPE_FOR_METHOD[ContactMethod(method)],
        happened_at=happened_at,
        outcome=AttendanceOutcome.NOT_APPLICABLE,
        crissa={"summary": f"Pre-release {ContactMethod(method).label.lower()}: {summary.strip()}"},
    )
    row = PreReleaseContact(episode=episode, contact=contact, method=method)
    return history.save_as(row, by)


@transaction.atomic
def checklist_update(
    *,
    checklist: ReleaseChecklist,
    by,
    expected_version: int,
    accommodation_confirmed: bool,
    accommodation_address: str = "",
    no_fixed_abode_flagged: bool = False,
    no_fixed_abode_notes: str = "",
    licence_conditions_known: bool = False,
) -> ReleaseChecklist:
    checklist = locked(ReleaseChecklist, checklist.pk, expected_version=expected_version)
    open_episode(checklist.episode)
    if accommodation_confirmed and no_fixed_abode_flagged:
        raise DomainError(
            "Either accommodation is confirmed or the no-fixed-abode risk is flagged, not both",
            field="no_fixed_abode_flagged",
        )
    if accommodation_confirmed and not accommodation_address.strip():
        raise DomainError("Give the address they will live at", field="accommodation_address")
    if no_fixed_abode_flagged and not no_fixed_abode_notes.strip():
        raise DomainError(
            "Say what is being done about having nowhere to live", field="no_fixed_abode_notes"
        )
    checklist.accommodation_confirmed = accommodation_confirmed
    checklist.accommodation_address = (
        accommodation_address.strip() if accommodation_confirmed else ""
    )
    checklist.no_fixed_abode_flagged = no_fixed_abode_flagged
    checklist.no_fixed_abode_notes = no_fixed_abode_notes.strip() if no_fixed_abode_flagged else ""
    checklist.licence_conditions_known = licence_conditions_known
    return history.save_new_version(checklist, by)


@transaction.atomic
def first_appointment_book(
    *,
    checklist: ReleaseChecklist,
    by,
    expected_version: int,
    starts_at: dt.datetime,
    location: str,
    with_staff=None,
):
    """Book the first community appointment: the day of release or the next working day."""
    checklist = locked(ReleaseChecklist, checklist.pk, expected_version=expected_version)
    episode = open_episode(checklist.episode)
    release = episode.expected_release_date
    if not rules.first_appointment_in_window(release, timezone.localtime(starts_at).date()):
        earliest, latest = rules.first_appointment_window(release)
        raise DomainError(
            f"Book the first appointment for {earliest:%d %B} (release) or {latest:%d %B} "
            "(the next working day)",
            field="date",
        )
    appointment = appointment_book(
        case=episode.case,
        by=by,
        contact_type=ContactType.OFFICE,
        starts_at=starts_at,
        location=location,
        with_staff=with_staff or episode.case.responsible_officer,
        notes="First appointment after release",
    )
    checklist.first_appointment = appointment
    history.save_new_version(checklist, by)
    return appointment


@transaction.atomic
def handover_record(
    *, checklist: ReleaseChecklist, by, expected_version: int, handover_to: str, notes: str
) -> ReleaseChecklist:
    """The handover to community providers (the report found it uneven)."""
    checklist = locked(ReleaseChecklist, checklist.pk, expected_version=expected_version)
    if checklist.episode.status == EpisodeStatus.CLOSED:
        raise DomainError("This custody episode was closed without release")
    if not handover_to.strip():
        raise DomainError("Say which community providers took over", field="handover_to")
    if not notes.strip():
        raise DomainError("Say what was handed over", field="handover_notes")
    checklist.handover_to = handover_to.strip()
    checklist.handover_notes = notes.strip()
    checklist.handover_recorded_at = timezone.now()
    checklist.handover_recorded_by = by
    return history.save_new_version(checklist, by)


def move(episode: CustodyEpisode, status: str) -> None:
    if not rules.can_move(rules.EPISODE_TRANSITIONS, episode.status, status) or (
        episode.status == status
    ):
        raise DomainError("This custody episode has ended")


@transaction.atomic
def episode_release(
    *, episode: CustodyEpisode, by, expected_version: int, released_on: dt.date
) -> CustodyEpisode:
    episode = locked(CustodyEpisode, episode.pk, expected_version=expected_version)
    move(episode, EpisodeStatus.RELEASED)
    if released_on > timezone.localdate():
        raise DomainError("Release cannot be recorded before it happens", field="released_on")
    if released_on < episode.reception_date:
        raise DomainError("Release cannot be before reception", field="released_on")
    episode.status = EpisodeStatus.RELEASED
    episode.released_on = released_on
    return history.save_new_version(episode, by)


@transaction.atomic
def episode_close(
    *, episode: CustodyEpisode, by, expected_version: int, reason: str
) -> CustodyEpisode:
    """End an episode without release (transfer out of our prisons, recorded in error)."""
    episode = locked(CustodyEpisode, episode.pk, expected_version=expected_version)
    move(episode, EpisodeStatus.CLOSED)
    if not reason.strip():
        raise DomainError("Say why the episode is closed", field="reason")
    episode.status = EpisodeStatus.CLOSED
    episode.closed_reason = reason.strip()
    return history.save_new_version(episode, by)
