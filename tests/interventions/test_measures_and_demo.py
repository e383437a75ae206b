"""The measures the dashboards read, the directory seeded from the report's list, the
demo seeder across services and states, and the admin's writes through the services."""

import datetime as dt

import pytest
from django.urls import reverse

from interventions import selectors
from interventions.demo_seed import seed_interventions
from interventions.directory import SERVICES, directory_seed
from interventions.models import InterventionService, Referral
from interventions.rules import ReferralStatus as S
from tests.conftest import sign_in
from tests.demo import quiet_demo_context
from tests.factories import CaseFactory, CriminogenicNeedFactory, StaffFactory
from tests.factories.interventions import provider_caseworker

pytestmark = pytest.mark.django_db

PERIOD = {"start": dt.date(2000, 1, 1), "end": dt.date(2100, 1, 1)}


def test_the_measures_count_referrals_starts_completions_and_time_to_start(walk, officer):
    finished = walk.approved(sessions=1)
    walk.session(finished, days_ago=1)
    from interventions import services

    services.end_of_service_report_submit(
        referral=finished,
        by=walk.caseworker,
        achievements={o.pk: ("achieved", "") for o in finished.outcomes.all()},
    )
    services.referral_withdraw(referral=walk.sent(), by=officer, reason="Moved")
    walk.sent()

    rows = selectors.referrals_by_service_and_outcome(**PERIOD)
    assert {(r["status"], r["count"]) for r in rows} == {
        (S.COMPLETED, 1),
        (S.CANCELLED, 1),
        (S.SENT, 1),
    }
    assert selectors.starts(**PERIOD) == 1
    assert selectors.completions(**PERIOD) == {S.COMPLETED: 1, S.ENDED_EARLY: 0, S.CANCELLED: 1}
    # The walk dates sessions in the past but sends referrals now: only the count holds.
    assert selectors.time_to_start(**PERIOD).started == 1
    delivery = selectors.delivery_against_suggestions(**PERIOD)
    # The default Grid suggests the Alcohol Toolkit for an alcohol need.
    assert (delivery.referrals, delivery.from_suggestion, delivery.from_suggestion_started) == (
        3,
        3,
        1,
    )
    assert delivery.share == 1


def test_measures_of_an_empty_period_are_zero_not_errors():
    assert selectors.starts(**PERIOD) == 0
    assert selectors.time_to_start(**PERIOD).median_days is None
    assert selectors.delivery_against_suggestions(**PERIOD).share is None


def test_the_directory_holds_every_service_the_report_lists_once():
    directory_seed()
    directory_seed()
    names = set(InterventionService.objects.values_list("name", flat=True))
    assert names == {row[0] for row in SERVICES}
    assert {"Resolve", "Thinking Ahead for Women", "Endings RAR"} <= names
    assert not InterventionService.objects.get(name="Domestic Abuse Intervention").available


def test_the_demo_seeder_makes_referrals_in_every_state_and_a_second_run_changes_nothing(team_a):
    officer = StaffFactory(team=team_a)
    for _ in range(22):
        case = CaseFactory(team=team_a, responsible_officer=officer, sex="male")
        CriminogenicNeedFactory(case=case, need="alcohol", severity="standard")
    for provider in {s.provider for s in directory_seed()}:
        provider_caseworker(provider)
    ctx = quiet_demo_context(1)
    seed_interventions(ctx)
    statuses = set(Referral.objects.values_list("status", flat=True))
    assert statuses >= {
        S.SENT,
        S.ASSIGNED,
        S.ASSESSMENT_BOOKED,
        S.PLAN_SUBMITTED,
        S.PLAN_APPROVED,
        S.WITHDRAWN,
        S.COMPLETED,
        S.ENDED_EARLY,
        S.CANCELLED,
    }
    count = Referral.objects.count()
    seed_interventions(quiet_demo_context(1))
    assert Referral.objects.count() == count


def test_an_administrator_edits_the_directory_through_the_service(client, service):
    admin = StaffFactory(administrator=True)
    sign_in(client, admin)
    url = reverse("admin:interventions_interventionservice_change", args=[service.pk])
    assert client.get(url).status_code == 200
    form = {
        "name": service.name,
        "provider": service.provider_id,
        "kind": service.kind,
        "description": "Six sessions on drinking and offending.",
        "sessions": 6,
        "max_sessions": 4,  # under the usual number: the service refuses it
        "eligible_sexes": "[]",
        "eligible_rosh": "[]",
        "needs": '["alcohol"]',
        "boroughs": "[]",
        "price": "420.00",
        "capacity": "",
        "counts_towards_rar": "on",
        "grid_names": "[]",
        "available": "on",
    }
    client.post(url, form)
    service.refresh_from_db()
    assert service.max_sessions is None
    client.post(url, {**form, "max_sessions": 8})
    service.refresh_from_db()
    assert (service.max_sessions, str(service.price)) == (8, "420.00")
    assert service.history.first().history_user == admin
