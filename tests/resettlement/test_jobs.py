"""The daily reminders: each tells the right people once, however often it runs."""

import datetime as dt

import pytest
from django.utils import timezone

from crc.notifications.models import OutboxMessage
from resettlement import jobs, release, services
from resettlement.models import ChangeSource
from tests.factories import CaseFactory
from tests.resettlement.conftest import open_episode, update_checklist

pytestmark = pytest.mark.django_db


def messages(prefix: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(dedupe_key__startswith=f"resettlement:{prefix}"))


def today() -> dt.date:
    return timezone.localdate()


def run_twice(job) -> None:
    job(today=today())
    job(today=today())


def test_an_overdue_screening_reminds_the_officer_once(episode, officer):
    run_twice(jobs.screening_overdue_alerts)
    [message] = messages("screening-overdue")
    assert officer.pk in message.payload["recipient_ids"]


def test_a_screening_not_yet_due_sends_nothing(case, worker, prison):
    open_episode(case, worker, prison, received_days_ago=0)
    jobs.screening_overdue_alerts(today=today())
    assert messages("screening-overdue") == []


def test_the_pre_release_review_reminder_goes_once_and_stops_once_held(case, worker, prison):
    episode = open_episode(case, worker, prison, received_days_ago=100, release_in_days=70)
    run_twice(jobs.pre_release_review_reminders)
    assert len(messages("pre-release-review")) == 1
    release.pre_release_review_record(episode=episode, by=worker, held_on=today(), notes="Done")
    OutboxMessage.objects.all().delete()
    jobs.pre_release_review_reminders(today=today())
    assert messages("pre-release-review") == []


@pytest.mark.parametrize("days, weeks", [(80, 12), (40, 6), (10, 2)])
def test_release_within_a_threshold_with_no_contact_alerts_the_officer_once(
    case, worker, prison, officer, days, weeks
):
    open_episode(case, worker, prison, received_days_ago=100, release_in_days=days)
    run_twice(jobs.pre_release_contact_alerts)
    [message] = messages("pre-release-contact")
    assert message.dedupe_key.endswith(f":{weeks}")
    assert f"Release in {weeks} weeks, no contact yet" in message.payload["subject"]
    assert message.payload["recipient_ids"] == [officer.pk]


def test_a_pre_release_contact_by_the_officer_clears_the_alert(case, worker, prison, officer):
    episode = open_episode(case, worker, prison, received_days_ago=100, release_in_days=40)
    release.pre_release_contact_record(
        episode=episode, by=officer, method="letter", happened_at=timezone.now(), summary="Wrote"
    )
    jobs.pre_release_contact_alerts(today=today())
    assert messages("pre-release-contact") == []


def test_contact_by_someone_else_does_not_clear_the_officers_alert(case, worker, prison):
    episode = open_episode(case, worker, prison, received_days_ago=100, release_in_days=40)
    release.pre_release_contact_record(
        episode=episode, by=worker, method="visit", happened_at=timezone.now(), summary="Saw him"
    )
    jobs.pre_release_contact_alerts(today=today())
    assert len(messages("pre-release-contact")) == 1


def test_each_threshold_crossed_is_a_new_alert(case, worker, prison):
    open_episode(case, worker, prison, received_days_ago=100, release_in_days=50)
    jobs.pre_release_contact_alerts(today=today())
    jobs.pre_release_contact_alerts(today=today() + dt.timedelta(days=10))
    assert sorted(m.dedupe_key.rsplit(":", 1)[1] for m in messages("pre-release-contact")) == [
        "12",
        "6",
    ]


def test_release_in_two_working_days_without_accommodation_or_appointment_alerts_once(
    case, worker, prison
):
    episode = open_episode(case, worker, prison, received_days_ago=100, release_in_days=1)
    release_day = episode.expected_release_date
    # Whatever weekday today is, a release tomorrow is within 2 working days.
    run_twice(jobs.imminent_release_alerts)
    [message] = messages("imminent-release")
    assert "accommodation on release is not confirmed" in message.payload["body"]
    assert str(release_day) in message.dedupe_key


def test_release_ready_sends_no_imminent_alert(case, worker, prison, officer):
    episode = open_episode(case, worker, prison, received_days_ago=100, release_in_days=0)
    housed = {
        "accommodation_confirmed": True,
        "accommodation_address": "Approved premises, Camberwell",
    }
    checklist = update_checklist(episode.checklist, officer, **housed)
    release.first_appointment_book(
        checklist=checklist,
        by=officer,
        expected_version=2,
        starts_at=timezone.now() + dt.timedelta(minutes=1),
        location="Islington office",
    )
    jobs.imminent_release_alerts(today=today())
    assert messages("imminent-release") == []


def test_a_change_made_while_nobody_held_the_case_reaches_the_officer_once_allocated(
    worker, prison, team_a, officer
):
    case = CaseFactory(team=team_a, responsible_officer=None)
    episode = open_episode(case, worker, prison)
    services.release_date_change(
        episode=episode,
        new_date=episode.expected_release_date - dt.timedelta(days=7),
        source=ChangeSource.PRISON_API,
        reason="Recalculated",
        key="p-1",
    )
    assert messages("release-date") == []
    case.responsible_officer = officer
    case.save()
    run_twice(jobs.release_date_change_notices)
    [message] = messages("release-date")
    assert message.payload["recipient_ids"] == [officer.pk]


def test_every_job_has_a_beat_entry_and_a_task():
    from crc.celery import app

    for name in jobs.DAILY_JOBS:
        entry = app.conf.beat_schedule[f"resettlement-{name}"]
        assert entry["task"] == f"resettlement.{name}"
        assert f"resettlement.{name}" in app.tasks
