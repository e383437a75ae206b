"""The measures the dashboards read, counted over whichever episodes the caller scopes."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.contacts.services import contact_record
from resettlement import release, selectors
from resettlement.models import CustodyEpisode, Prison
from tests.factories import CaseFactory
from tests.resettlement.conftest import (
    contact_before_release,
    open_episode,
    update_checklist,
    update_plan,
)

pytestmark = pytest.mark.django_db


def test_the_fourteen_resettlement_prisons_are_seeded_as_prison_partners():
    prisons = Prison.objects.select_related("partner")
    assert prisons.count() == 14
    assert {p.partner.partner_type for p in prisons} == {"prison"}
    assert sorted({p.kind for p in prisons}) == ["men", "women", "yoi"]


def test_measures_with_nothing_to_count_have_no_rate():
    measure = selectors.accommodation_on_release(CustodyEpisode.objects.all())
    assert (measure.met, measure.of, measure.rate) == (0, 0, None)


def test_screening_on_time_counts_screenings_already_due(case, worker, prison):
    episode = open_episode(case, worker, prison, received_days_ago=20)
    today = timezone.localdate()
    scope = CustodyEpisode.objects.all()
    assert selectors.screening_on_time(scope, today=today) == selectors.Measure(met=0, of=1)
    episode.screening.completed_at = timezone.now() - dt.timedelta(days=18)
    episode.screening.save()
    assert selectors.screening_on_time(scope, today=today).met == 1


def test_plans_with_risk_addressed_need_both_parts_of_the_section(episode, worker):
    scope = CustodyEpisode.objects.all()
    assert selectors.plans_with_risk_of_harm_addressed(scope).met == 0
    update_plan(episode.plan, worker, version=1)
    assert selectors.plans_with_risk_of_harm_addressed(scope) == selectors.Measure(1, 1)


def released(case, worker, prison, *, contacted_by=None, accommodation=False, kept=False):
    episode = open_episode(case, worker, prison, received_days_ago=60, release_in_days=0)
    officer = case.responsible_officer
    if contacted_by:
        contact_before_release(episode, contacted_by, ago=dt.timedelta(days=3))
    if accommodation:
        housed = {"accommodation_confirmed": True, "accommodation_address": "1 High St"}
        update_checklist(episode.checklist, officer, **housed)
    episode.checklist.refresh_from_db()
    appointment = release.first_appointment_book(
        checklist=episode.checklist,
        by=officer,
        expected_version=episode.checklist.version,
        starts_at=timezone.now() + dt.timedelta(minutes=1),
        location="Office",
    )
    episode.refresh_from_db()
    release.episode_release(
        episode=episode,
        by=worker,
        expected_version=episode.version,
        released_on=timezone.localdate(),
    )
    if kept:
        contact_record(
            case=case,
            by=officer,
            contact_type="office",
            happened_at=timezone.now(),
            outcome="complied",
            crissa={"summary": "First appointment"},
            appointment=appointment,
        )
    return episode


def test_release_measures_count_released_people(worker, prison, officer, team_a, colleague):
    def new_case():
        return CaseFactory(team=team_a, responsible_officer=officer)

    released(new_case(), worker, prison, contacted_by=officer, accommodation=True, kept=True)
    released(new_case(), worker, prison, contacted_by=worker)
    released(new_case(), worker, prison)
    open_episode(new_case(), worker, prison)  # still in custody: not counted
    scope = CustodyEpisode.objects.all()
    assert selectors.pre_release_contact_rate(scope) == selectors.Measure(1, 3)
    assert selectors.accommodation_on_release(scope) == selectors.Measure(1, 3)
    assert selectors.first_appointment_kept(scope) == selectors.Measure(1, 3)
