"""The officer's interventions pages, through the case: the Interventions tab with RAR
days, the directory with eligibility and the Grid's suggestions, One Referral, plan
approval and withdrawal, each with its stale-save refusal and a bounded query count."""

import pytest
from django.test import Client
from django.urls import reverse

from crc.access.models import AccessLog
from interventions import services
from interventions.models import Referral
from tests.conftest import sign_in
from tests.factories import InterventionServiceFactory, InterventionSuggestionFactory

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    sign_in(client, user)
    return client


def test_the_tab_shows_referrals_and_rar_days_and_logs_the_view(
    walk, rar, officer, django_assert_max_num_queries
):
    walk.approved()
    walk.session(Referral.objects.get(), days_ago=1)
    client = _client(officer)
    url = reverse("interventions:case_interventions", args=[walk.case.crn])
    with django_assert_max_num_queries(30):
        page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert "Alcohol Toolkit" in body and "In delivery" in body
    assert "Days ordered" in body and "Days credited" in body
    assert AccessLog.objects.filter(
        case_id=walk.case.pk, page="interventions:case_interventions"
    ).exists()


def test_the_tab_query_count_does_not_grow_with_referrals(walk, officer, get_twice_as_rows_grow):
    client = _client(officer)
    url = reverse("interventions:case_interventions", args=[walk.case.crn])
    walk.sent()

    def four_more():
        for _ in range(4):
            walk.sent()

    get_twice_as_rows_grow(client, url, four_more, ceiling=30)


def test_the_directory_shows_eligibility_and_the_grids_suggestion_first(
    walk, officer, django_assert_max_num_queries
):
    InterventionSuggestionFactory(trigger="need", value="alcohol", intervention="Alcohol Toolkit")
    InterventionServiceFactory(name="Women only", eligible_sexes=["female"])
    for n in range(3):
        InterventionServiceFactory(name=f"Open service {n}")
    client = _client(officer)
    url = reverse("interventions:case_directory", args=[walk.case.crn])
    with django_assert_max_num_queries(30):
        body = client.get(url).content.decode()
    assert body.index("Alcohol Toolkit") < body.index("Open service 0")
    assert "Grid suggestion" in body
    assert "Only for people whose sex is female" in body
    assert reverse("interventions:case_refer", args=[walk.case.crn, walk.service.pk]) in body
    searched = client.get(url, {"query": "Women"}).content.decode()
    assert "Women only" in searched and "Open service 0" not in searched


def test_the_officer_refers_from_a_grid_suggestion_with_the_objective_prefilled(
    walk, officer, objective
):
    InterventionSuggestionFactory(trigger="need", value="alcohol", intervention="Alcohol Toolkit")
    client = _client(officer)
    url = reverse("interventions:case_refer", args=[walk.case.crn, walk.service.pk])
    form = client.get(url).content.decode()
    assert "Grid suggestion" in form
    assert f'value="{objective.pk}" checked' in form
    response = client.post(
        url,
        {
            "objectives": [str(objective.pk)],
            "other_outcomes": "Keeps a drink diary",
            "reason": "Drinks before offending",
            "share_full_risk": "no",
        },
    )
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "interventions:case_referral", args=[walk.case.crn, referral.pk]
    )
    assert referral.from_grid_suggestion
    assert referral.risk_disclosure == "redacted"
    assert [o.objective_id for o in referral.outcomes.all()] == [objective.pk, None]


def test_a_referral_without_an_outcome_is_refused_and_nothing_is_sent(walk, officer):
    url = reverse("interventions:case_refer", args=[walk.case.crn, walk.service.pk])
    response = _client(officer).post(url, {"reason": "Why", "share_full_risk": "no"})
    assert response.status_code == 200
    assert "Tick a plan objective or write a desired outcome" in response.content.decode()
    assert not Referral.objects.exists()


def test_a_reader_without_case_work_cannot_refer(walk, area_manager):
    client = _client(area_manager)
    url = reverse("interventions:case_refer", args=[walk.case.crn, walk.service.pk])
    assert client.get(url).status_code == 404


def test_the_officer_approves_the_plan_they_read(walk, officer):
    referral, plan = walk.plan_submitted()
    client = _client(officer)
    page = reverse("interventions:case_referral", args=[walk.case.crn, referral.pk])
    assert "Approve the action plan" in client.get(page).content.decode()
    approve = reverse("interventions:case_plan_approve", args=[walk.case.crn, referral.pk])
    response = client.post(approve, {"version": plan.version}, follow=True)
    assert "Action plan approved" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == "plan_approved"


def test_approving_a_plan_revised_since_it_was_read_is_refused(walk, officer):
    referral, plan = walk.plan_submitted()
    read_version = plan.version
    walk.revise_plan(referral, plan, ["Something else"], sessions=2)
    approve = reverse("interventions:case_plan_approve", args=[walk.case.crn, referral.pk])
    body = _client(officer).post(approve, {"version": read_version}, follow=True)
    assert "changed the action plan after you opened it" in body.content.decode()
    referral.refresh_from_db()
    assert referral.status == "plan_submitted"


def test_the_officer_withdraws_with_a_reason_and_a_stale_withdrawal_is_refused(walk, officer):
    referral = walk.sent()
    client = _client(officer)
    url = reverse("interventions:case_referral_withdraw", args=[walk.case.crn, referral.pk])
    opened = client.get(url).content.decode()
    token = opened.split('name="version" value="')[1].split('"')[0]
    services.referral_assign(referral=referral, caseworker=walk.caseworker, by=walk.caseworker)
    stale = client.post(url, {"version": token, "withdrawal_reason": "Moved away"})
    assert "What is saved now" in stale.content.decode()
    referral.refresh_from_db()
    assert referral.status == "assigned"
    fresh = stale.content.decode().split('name="version" value="')[1].split('"')[0]
    done = client.post(url, {"version": fresh, "withdrawal_reason": "Moved away"})
    assert done.status_code == 302
    referral.refresh_from_db()
    assert referral.status == "cancelled"
    assert referral.withdrawal_reason == "Moved away"


def test_another_cases_referral_is_404_under_this_crn(walk, officer, other_team_case):
    referral = walk.sent()
    url = reverse("interventions:case_referral", args=[other_team_case.crn, referral.pk])
    assert _client(officer).get(url).status_code == 404


def test_the_referral_page_and_the_forms_have_a_bounded_query_count(
    walk, officer, django_assert_max_num_queries
):
    referral, _plan = walk.plan_submitted()
    client = _client(officer)
    crn = walk.case.crn
    for url in (
        reverse("interventions:case_referral", args=[crn, referral.pk]),
        reverse("interventions:case_refer", args=[crn, walk.service.pk]),
        reverse("interventions:case_referral_withdraw", args=[crn, referral.pk]),
    ):
        with django_assert_max_num_queries(35):
            assert client.get(url).status_code == 200, url
    provider = _client(walk.caseworker)
    for name in ("provider_referral", "provider_action_plan", "provider_session"):
        with django_assert_max_num_queries(25):
            response = provider.get(reverse(f"interventions:{name}", args=[referral.pk]))
        assert response.status_code == 200, name
