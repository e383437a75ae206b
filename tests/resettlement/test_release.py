"""The run-up to release: review, pre-release contacts (contacts on the case), the
release checklist, the first appointment, handover and release."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from cases.models import Contact, ContactType
from crc.domain import DomainError, StaleVersionError
from resettlement import release, rules
from resettlement.models import EpisodeStatus
from tests.resettlement.conftest import contact_before_release, open_episode, update_checklist

pytestmark = pytest.mark.django_db
LONDON = timezone.get_default_timezone()


def test_a_pre_release_contact_is_a_contact_on_the_case(episode, officer):
    talk = "Introduced myself; talked about the hostel"
    row = contact_before_release(
        episode, officer, method="phone", ago=dt.timedelta(hours=1), summary=talk
    )
    contact = Contact.objects.get(case=episode.case)
    assert row.contact == contact
    assert contact.contact_type == ContactType.TELEPHONE
    assert contact.recorded_by == officer
    assert "hostel" in contact.summary


@pytest.mark.parametrize(
    ("method", "contact_type"),
    [
        ("letter", ContactType.LETTER),
        ("phone", ContactType.TELEPHONE),
        ("video", ContactType.VIDEO),
        ("visit", ContactType.PRISON_VISIT),
    ],
)
def test_each_pre_release_contact_method_is_recorded(episode, officer, method, contact_type):
    row = contact_before_release(episode, officer, method=method, summary="Pre-release contact")
    assert row.method == method
    assert row.contact.contact_type == contact_type


def test_a_pre_release_contact_needs_a_summary(episode, officer):
    with pytest.raises(DomainError):
        contact_before_release(episode, officer, method="video", summary="")
    assert not Contact.objects.exists()


def test_the_pre_release_review_records_its_due_date(episode, worker):
    review = release.pre_release_review_record(
        episode=episode, by=worker, held_on=timezone.localdate(), notes="On track"
    )
    assert review.due_on == rules.pre_release_review_due(episode.expected_release_date)


NO_FIXED_ABODE = {"no_fixed_abode_flagged": True, "no_fixed_abode_notes": "Duty to refer sent"}


@pytest.mark.parametrize(
    "answers, field",
    [
        (
            {"accommodation_confirmed": True, "accommodation_address": "1 High St"}
            | NO_FIXED_ABODE,
            "no_fixed_abode_flagged",
        ),
        ({"accommodation_confirmed": True}, "accommodation_address"),
    ],
    ids=["confirmed-and-flagged", "confirmed-without-an-address"],
)
def test_accommodation_is_either_confirmed_or_the_no_fixed_abode_risk_flagged(
    episode, officer, answers, field
):
    with pytest.raises(DomainError) as refused:
        update_checklist(episode.checklist, officer, **answers)
    assert refused.value.field == field
    episode.checklist.refresh_from_db()
    assert episode.checklist.version == 1


def test_a_flagged_no_fixed_abode_risk_is_saved_once_and_a_stale_save_refused(episode, officer):
    answers = {"accommodation_confirmed": False, "licence_conditions_known": True}
    checklist = update_checklist(episode.checklist, officer, **answers, **NO_FIXED_ABODE)
    assert checklist.no_fixed_abode_flagged and checklist.version == 2
    with pytest.raises(StaleVersionError):
        update_checklist(checklist, officer, version=1, accommodation_confirmed=False)


# A Friday release: the first appointment is on the Friday or the Monday after.
FRIDAY = dt.date(2026, 3, 6)


@pytest.fixture
def friday_release(case, worker, prison):
    with time_machine.travel(dt.datetime(2026, 2, 2, 9, tzinfo=LONDON), tick=False):
        return open_episode(case, worker, prison, received_days_ago=60, release_in_days=32)


@pytest.mark.parametrize(
    "day, allowed",
    [
        (dt.date(2026, 3, 6), True),
        (dt.date(2026, 3, 7), False),
        (dt.date(2026, 3, 9), True),
        (dt.date(2026, 3, 10), False),
    ],
)
def test_the_first_appointment_is_booked_for_release_day_or_the_next_working_day(
    friday_release, officer, day, allowed
):
    assert friday_release.expected_release_date == FRIDAY
    kwargs = dict(
        checklist=friday_release.checklist,
        by=officer,
        expected_version=1,
        starts_at=dt.datetime.combine(day, dt.time(10), tzinfo=LONDON),
        location="Islington office",
    )
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=LONDON), tick=False):
        if allowed:
            appointment = release.first_appointment_book(**kwargs)
            friday_release.checklist.refresh_from_db()
            assert friday_release.checklist.first_appointment == appointment
            assert appointment.with_staff == officer
        else:
            with pytest.raises(DomainError, match="next working day"):
                release.first_appointment_book(**kwargs)


def test_handover_is_recorded_with_who_took_over(episode, officer):
    checklist = release.handover_record(
        checklist=episode.checklist,
        by=officer,
        expected_version=1,
        handover_to="St Mungo's",
        notes="Plan and risk information shared",
    )
    assert checklist.handover_recorded_by == officer and checklist.handover_recorded_at


def test_release_ends_the_episode_once(episode, worker):
    released = release.episode_release(
        episode=episode, by=worker, expected_version=1, released_on=timezone.localdate()
    )
    assert released.status == EpisodeStatus.RELEASED
    with pytest.raises(DomainError):
        release.episode_release(
            episode=released, by=worker, expected_version=2, released_on=timezone.localdate()
        )
    with pytest.raises(DomainError):
        contact_before_release(released, worker, method="phone", summary="x")


def test_release_cannot_be_recorded_in_the_future(episode, worker):
    with pytest.raises(DomainError) as refused:
        release.episode_release(
            episode=episode,
            by=worker,
            expected_version=1,
            released_on=timezone.localdate() + dt.timedelta(days=1),
        )
    assert refused.value.field == "released_on"


def test_a_closed_episode_lets_the_person_open_a_new_one(episode, worker, prison):
    release.episode_close(episode=episode, by=worker, expected_version=1, reason="Transferred")
    again = open_episode(episode.case, worker, prison)
    assert again.pk != episode.pk
