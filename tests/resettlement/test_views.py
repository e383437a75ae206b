"""The Through the Gate pages: who reaches them, what they show, and the pre-release
contact that clears the officer's alert."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from resettlement.models import PreReleaseContact
from tests.conftest import sign_in
from tests.resettlement.conftest import open_episode

pytestmark = pytest.mark.django_db


def get(client, user, name, *args, **query):
    sign_in(client, user)
    return client.get(reverse(name, args=args), query)


def test_the_worker_sees_their_prisons_custody_cases_on_the_caseload(client, episode, worker):
    response = get(client, worker, "resettlement:caseload")
    assert response.status_code == 200
    assert episode.case.crn in response.content.decode()


def test_the_caseload_filters_by_release_within_and_screening_overdue(client, episode, worker):
    later = get(client, worker, "resettlement:caseload", release_within="14")
    assert episode.case.crn not in later.content.decode()
    overdue = get(client, worker, "resettlement:caseload", screening_overdue="on")
    assert episode.case.crn in overdue.content.decode()


def test_the_caseload_queries_stay_bounded(
    client, case, worker, prison, django_assert_max_num_queries
):
    open_episode(case, worker, prison, resettlement_worker=worker)
    sign_in(client, worker)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("resettlement:caseload")).status_code == 200


def test_an_officer_may_not_open_the_prison_caseload(client, officer):
    assert get(client, officer, "resettlement:caseload").status_code == 404


def test_the_officer_sees_release_in_six_weeks_no_contact_yet(
    client, case, worker, prison, officer
):
    open_episode(case, worker, prison, release_in_days=40)
    page = get(client, officer, "resettlement:in_custody").content.decode()
    assert "Release in 6 weeks, no contact yet" in page


def test_recording_a_pre_release_contact_records_it_on_the_case_and_clears_the_alert(
    client, case, worker, prison, officer
):
    episode = open_episode(case, worker, prison, release_in_days=40)
    sign_in(client, officer)
    # Yesterday: a contact must have happened already, whatever the time of the run.
    day = timezone.localdate() - dt.timedelta(days=1)
    response = client.post(
        reverse("resettlement:pre_release_contact_new", args=[case.crn]),
        {
            "method": "video",
            "date_day": day.day,
            "date_month": day.month,
            "date_year": day.year,
            "time": "00:01",
            "summary": "Talked through the licence and where they will live.",
        },
    )
    assert response.status_code == 302
    row = PreReleaseContact.objects.get(episode=episode)
    assert row.contact.case_id == case.pk
    page = client.get(reverse("resettlement:in_custody")).content.decode()
    assert "no contact yet" not in page
    assert "Contact made" in page


def test_the_worker_reads_the_episode_but_may_not_record_a_pre_release_contact(
    client, episode, worker
):
    crn = episode.case.crn
    assert get(client, worker, "resettlement:episode", crn).status_code == 200
    assert get(client, worker, "resettlement:pre_release_contact_new", crn).status_code in (
        403,
        404,
    )


def test_the_episode_page_shows_the_seven_pathways_and_the_risk_of_harm(client, episode, officer):
    page = get(client, officer, "resettlement:episode", episode.case.crn).content.decode()
    assert "Finance and ID" in page
    assert "Risk of harm on release" in page
