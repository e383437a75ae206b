"""The forms that record risk, registrations and needs."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from cases.models import CriminogenicNeed, Escalation, NeedArea, Registration, ServiceCentreTask
from cases.risk import rules as risk_rules
from cases.risk import services as risk_services
from crc.notifications.models import OutboxMessage
from tests.cases.helpers import assert_error_page, date_data, post_refused, sign_in

pytestmark = pytest.mark.django_db


# --- Risk --------------------------------------------------------------------------------------


def risk_data(**overrides) -> dict:
    return {
        "rosh_overall": "medium",
        "rosh_children": "low",
        "rosh_public": "medium",
        "rosh_known_adult": "",
        "rosh_staff": "low",
        **date_data("rosh_assessed_on", dt.date.today()),
        "ogrs_score": "55",
        "rsr_score": "3.75",
        "mappa_category": "",
        "mappa_level": "",
        **overrides,
    }


@pytest.mark.parametrize("persona", ["officer", "spo"])
def test_risk_is_recorded_and_attributed(client, request, supervised_case, persona):
    user = request.getfixturevalue(persona)
    sign_in(client, user)

    response = client.post(reverse("cases:risk_edit", args=[supervised_case.crn]), risk_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("cases:risk", args=[supervised_case.crn])
    supervised_case.refresh_from_db()
    assert supervised_case.rosh_overall == "medium"
    assert supervised_case.rosh_known_adult == ""
    assert supervised_case.ogrs_score == 55
    assert str(supervised_case.rsr_score) == "3.75"
    assert supervised_case.history.latest().history_user == user
    assert not Escalation.objects.exists()


def test_high_rosh_escalates_and_says_so_and_alerts_the_spo(client, officer, spo, supervised_case):
    sign_in(client, officer)

    response = client.post(
        reverse("cases:risk_edit", args=[supervised_case.crn]),
        risk_data(rosh_overall="high"),
        follow=True,
    )

    html = response.content.decode()
    assert "This case must be escalated to the NPS: your SPO has been alerted" in html
    escalation = Escalation.objects.get(case=supervised_case)
    assert escalation.raised_by == officer
    [alert] = [m for m in OutboxMessage.objects.all() if m.payload.get("category") == "escalation"]
    assert alert.payload["recipient_ids"] == [spo.pk]
    assert ServiceCentreTask.objects.filter(case=supervised_case, kind="nps_referral").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ogrs_score": "150"}, "OGRS score must be between 0 and 99"),
        ({"rsr_score": "101"}, "RSR score must be between 0 and 100"),
        ({"rosh_assessed_on_month": "14"}, "must be a real date"),
        ({"mappa_level": "2"}, "Select the MAPPA category for this level"),
        ({"rosh_overall": "extreme"}, "Select a valid choice"),
    ],
)
def test_bad_risk_input_changes_nothing(client, officer, supervised_case, overrides, message):
    sign_in(client, officer)
    post_refused(
        client,
        reverse("cases:risk_edit", args=[supervised_case.crn]),
        risk_data(**overrides),
        message,
    )


def test_womens_factors_are_asked_only_for_women(client, officer, case):
    sign_in(client, officer)
    url = reverse("cases:risk_edit", args=[case.crn])
    assert "Parenting responsibilities" not in client.get(url).content.decode()

    case.sex = "female"
    case.save()
    assert "Parenting responsibilities" in client.get(url).content.decode()
    client.post(url, risk_data(parenting_responsibilities="on"))
    case.refresh_from_db()
    assert case.parenting_responsibilities is True


def test_the_risk_form_queries_are_bounded(
    client, officer, supervised_case, registration, django_assert_max_num_queries
):
    sign_in(client, officer)
    url = reverse("cases:risk_edit", args=[supervised_case.crn])
    client.get(url)

    with django_assert_max_num_queries(12):
        response = client.get(url)

    assert response.status_code == 200


# --- Registrations and needs ------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["officer", "spo"])
def test_a_registration_is_added(client, request, supervised_case, persona):
    user = request.getfixturevalue(persona)
    sign_in(client, user)

    response = client.post(
        reverse("cases:registration_add", args=[supervised_case.crn]),
        {
            "registration_type": "child_protection",
            **date_data("registered_on", dt.date.today()),
            "notes": "Conference on Monday",
        },
    )

    assert response.status_code == 302
    registration = Registration.objects.get(case=supervised_case)
    assert registration.registration_type == "child_protection"
    assert registration.registered_by == user
    assert registration.history.get().history_user == user


def test_an_active_registration_is_not_offered_again(
    client, officer, supervised_case, registration
):
    sign_in(client, officer)
    url = reverse("cases:registration_add", args=[supervised_case.crn])
    assert 'value="mental_health"' not in client.get(url).content.decode()
    post_refused(
        client,
        url,
        {"registration_type": "mental_health", **date_data("registered_on", dt.date.today())},
        "not already active",
    )


def test_a_future_registration_date_is_refused(client, officer, supervised_case):
    sign_in(client, officer)

    response = client.post(
        reverse("cases:registration_add", args=[supervised_case.crn]),
        {
            "registration_type": "weapons",
            **date_data("registered_on", dt.date.today() + dt.timedelta(days=3)),
        },
    )

    assert_error_page(response, "must be today or in the past")
    assert not Registration.objects.exists()


def test_reviewing_a_registration_sets_the_next_review(client, spo, supervised_case, registration):
    registration.next_review_date = dt.date.today()
    registration.save()
    sign_in(client, spo)
    url = reverse("cases:registration_review", args=[supervised_case.crn, registration.pk])
    assert "Confirm the review" in client.get(url).content.decode()

    response = client.post(url)

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.next_review_date == risk_rules.add_months(dt.date.today(), 6)
    assert registration.history.latest().history_user == spo


def test_ending_a_registration_needs_a_reason(client, officer, supervised_case, registration):
    sign_in(client, officer)
    url = reverse("cases:registration_end", args=[supervised_case.crn, registration.pk])
    post_refused(client, url, {"reason": "  "}, "Enter why the registration is ending")

    response = client.post(url, {"reason": "Discharged from the community mental health team"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.ended_on == dt.date.today()
    assert registration.history.latest().history_user == officer
    # Ended: no more reviewing or ending it.
    assert client.get(url).status_code == 404


def test_a_registration_of_another_case_is_404(client, officer, case, other_team_case):
    foreign = risk_services.registration_add(
        case=other_team_case, by=None, registration_type="weapons"
    )
    sign_in(client, officer)

    response = client.post(
        reverse("cases:registration_end", args=[case.crn, foreign.pk]), {"reason": "x"}
    )

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.ended_on is None


@pytest.mark.parametrize("persona", ["officer", "spo"])
def test_needs_are_recorded_with_strengths(client, request, supervised_case, persona):
    user = request.getfixturevalue(persona)
    risk_services.needs_record(case=supervised_case, by=user, needs={"drugs": "severe"})
    sign_in(client, user)
    url = reverse("cases:needs_edit", args=[supervised_case.crn])
    # Prefilled with what is recorded.
    assert re.search(r'value="severe"\s+checked', client.get(url).content.decode())
    data = {f"need_{area.value}": "none" for area in NeedArea}
    data.update(
        need_thinking_behaviour="severe", need_drugs="standard", strengths="Supportive sister"
    )

    response = client.post(url, data)

    assert response.status_code == 302
    needs = dict(
        CriminogenicNeed.objects.filter(case=supervised_case).values_list("need", "severity")
    )
    assert needs["thinking_behaviour"] == "severe" and needs["drugs"] == "standard"
    supervised_case.refresh_from_db()
    assert supervised_case.strengths == "Supportive sister"
    assert (
        CriminogenicNeed.objects.get(case=supervised_case, need="drugs")
        .history.latest()
        .history_user
        == user
    )


def test_every_need_must_have_a_severity(client, officer, supervised_case):
    sign_in(client, officer)
    data = {f"need_{area.value}": "none" for area in NeedArea}
    del data["need_alcohol"]
    html = post_refused(
        client,
        reverse("cases:needs_edit", args=[supervised_case.crn]),
        data,
        "Select a severity for alcohol misuse",
    )
    assert 'href="#need_alcohol"' in html
