"""Interventions on the case timeline: every step shows on the case's page, concerns'
words only to those who read sensitive detail, in a fixed number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import timeline as case_timeline
from interventions import services, timeline
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def page_of(client, user, case, query=""):
    sign_in(client, user)
    response = client.get(reverse("cases:timeline", args=[case.crn]) + query)
    assert response.status_code == 200
    return response.content.decode()


def titles(page):
    return re.findall(r'<h2 class="moj-timeline__title">([^<]*)</h2>', page)


def test_interventions_are_a_kind_on_the_timeline_after_the_case_kinds():
    kinds = [kind for kind, _ in case_timeline.kind_choices()]
    assert "intervention" in kinds
    assert kinds.index("intervention") > kinds.index("contact_level")


def test_each_step_of_a_referral_shows_on_the_case_timeline(client, walk, officer):
    referral = walk.approved(sessions=1)
    walk.session(referral, days_ago=1, concerns="Smelt of alcohol.")
    services.end_of_service_report_submit(
        referral=referral,
        by=walk.caseworker,
        achievements={o.pk: ("partly", "") for o in referral.outcomes.all()},
    )
    page = page_of(client, officer, walk.case, "?kind=intervention")
    shown = titles(page)
    for title in [
        "Referred to Alcohol Toolkit",
        "Alcohol Toolkit: caseworker assigned",
        "Alcohol Toolkit: action plan approved",
        "Alcohol Toolkit session 1: attended",
        "Concern raised by Alcohol Toolkit",
        "Alcohol Toolkit: end-of-service report",
        "Alcohol Toolkit: completed",
    ]:
        assert title in shown
    assert 'data-kind="intervention"' in page
    assert "Smelt of alcohol." in page


def test_a_withdrawal_shows_with_its_reason(client, walk, officer):
    services.referral_withdraw(referral=walk.sent(), by=officer, reason="Moved to Leeds")
    page = page_of(client, officer, walk.case, "?kind=intervention")
    assert "Alcohol Toolkit: referral withdrawn" in titles(page)
    assert "Moved to Leeds" in page


def test_a_concerns_words_are_held_back_from_those_who_may_not_read_sensitive_detail(walk):
    walk.session(walk.approved(), days_ago=1, concerns="Smelt of alcohol.")
    hidden = list(timeline.events(walk.case, limit=31, see_sensitive=False))
    shown = list(timeline.events(walk.case, limit=31, see_sensitive=True))
    assert "Smelt of alcohol." not in [e.text for e in hidden]
    assert "Smelt of alcohol." in [e.text for e in shown]


def test_the_reader_runs_the_same_queries_for_one_referral_or_many(walk):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            list(timeline.events(walk.case, limit=31, see_sensitive=True))
        return len(captured)

    walk.session(walk.approved(), days_ago=3)
    one = queries()
    for _ in range(3):
        referral = walk.approved()
        walk.session(referral, days_ago=2)
        walk.session(referral, days_ago=1)
    assert queries() == one
