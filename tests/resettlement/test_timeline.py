"""Through the Gate on the case timeline page, through the registry (no edit to cases/)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import timeline
from resettlement import release, services
from tests.conftest import sign_in
from tests.resettlement.conftest import open_episode

pytestmark = pytest.mark.django_db


def test_the_app_registers_its_kinds_after_the_cases_kinds():
    kinds = [kind for kind, _ in timeline.kind_choices()]
    ours = ["custody", "release_date", "resettlement_screening", "resettlement_plan"]
    assert kinds[-len(ours) :] == ours


def events_page(client, case, query=""):
    response = client.get(reverse("cases:timeline", args=[case.crn]) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_reception_release_date_change_review_and_handover_show_on_the_case_timeline(
    client, episode, officer, worker
):
    services.release_date_change(
        episode=episode,
        new_date=episode.expected_release_date - dt.timedelta(days=14),
        source="prison_api",
        reason="Home detention curfew granted",
        key="tl-1",
    )
    release.pre_release_review_record(
        episode=episode, by=worker, held_on=timezone.localdate(), notes="Housing referral chased"
    )
    episode.refresh_from_db()
    release.handover_record(
        checklist=episode.checklist,
        by=officer,
        expected_version=1,
        handover_to="St Mungo's",
        notes="Risk information shared",
    )
    sign_in(client, officer)
    page = events_page(client, episode.case)
    assert "Received into HMP Pentonville" in page
    assert "Home detention curfew granted" in page
    assert "Pre-release review" in page
    assert "Handed over to St Mungo" in page
    only_custody = events_page(client, episode.case, "?kind=custody")
    assert "Home detention curfew granted" not in only_custody
    assert 'data-kind="custody"' in only_custody


def test_the_custody_reader_runs_the_same_queries_however_many_episodes(case, worker, prison):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            list(timeline.sources()[-4].reader(case, limit=31, see_sensitive=True))
        return len(queries)

    first = open_episode(case, worker, prison, received_days_ago=400, release_in_days=-300)
    release.episode_release(
        episode=first, by=worker, expected_version=1, released_on=first.expected_release_date
    )
    one = count()
    second = open_episode(case, worker, prison, received_days_ago=20)
    release.episode_close(episode=second, by=worker, expected_version=1, reason="Transferred")
    open_episode(case, worker, prison, received_days_ago=5)
    assert count() == one
