"""The home page's work list: the officer's "release in N weeks, no contact yet" and the
worker's overdue screenings, in a fixed number of queries."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from resettlement.worklist import resettlement_work
from tests.conftest import sign_in
from tests.factories import CaseFactory
from tests.resettlement.conftest import contact_before_release, open_episode

pytestmark = pytest.mark.django_db


def labels(user) -> dict[str, int]:
    groups = resettlement_work(user, today=timezone.localdate())
    return {item.label: item.count for group in groups for item in group.items}


@pytest.mark.parametrize("days, weeks", [(80, 12), (40, 6), (10, 2)])
def test_the_officer_sees_each_threshold_once(case, worker, prison, officer, days, weeks):
    open_episode(case, worker, prison, release_in_days=days)
    assert labels(officer) == {f"Release in {weeks} weeks, no contact yet": 1}


def test_a_pre_release_contact_by_the_officer_clears_it(case, worker, prison, officer):
    episode = open_episode(case, worker, prison, release_in_days=40)
    an_hour = dt.timedelta(hours=1)
    contact_before_release(
        episode, officer, method="letter", ago=an_hour, summary="Wrote to introduce myself"
    )
    assert labels(officer) == {}


def test_the_worker_sees_overdue_screenings(episode, worker):
    assert labels(worker) == {"Screenings overdue": 1}


def test_the_home_page_shows_the_alert_in_a_fixed_number_of_queries(
    client, worker, prison, officer, team_a, django_assert_max_num_queries
):
    for _ in range(3):
        open_episode(
            CaseFactory(team=team_a, responsible_officer=officer),
            worker,
            prison,
            release_in_days=40,
        )
    sign_in(client, officer)
    with django_assert_max_num_queries(18):
        page = client.get(reverse("home")).content.decode()
    assert "Release in 6 weeks, no contact yet" in page


def test_the_episode_page_warns_of_release_with_no_contact(client, case, worker, prison, officer):
    open_episode(case, worker, prison, release_in_days=40)
    sign_in(client, officer)
    page = client.get(reverse("resettlement:episode", args=[case.crn])).content.decode()
    assert "Release in 6 weeks, no contact yet" in page
