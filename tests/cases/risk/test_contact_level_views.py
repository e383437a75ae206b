"""The forms that change the contact level and decide on a change."""

import pytest
from django.urls import reverse

from cases.models import ContactLevelDecision, ContactLevelStatus
from cases.risk import contact_levels
from tests.cases.helpers import assert_error_page, post_refused, sign_in, snapshot

pytestmark = pytest.mark.django_db


# --- Contact level ---------------------------------------------------------------------------


def decide_url(crn: str, decision) -> str:
    """Where an SPO decides on `decision`, reached from case `crn` (perhaps not its own)."""
    return reverse("cases:contact_level_decide", args=[crn, decision.pk])


def approve(client, crn: str, decision):
    """Post the SPO's approval of `decision` from case `crn`; returns the response."""
    return client.post(decide_url(crn, decision), {"decision": "approve", "note": ""})


def assert_still_awaiting_approval(decision) -> None:
    """A refused decision leaves the request where it was: waiting for an SPO."""
    decision.refresh_from_db()
    assert decision.status == ContactLevelStatus.AWAITING_APPROVAL


def level_data(**overrides) -> dict:
    return {
        "contacts": "1",
        "period_days": "14",
        "face_to_face": "1",
        "reason": "Engaging well, stable housing",
        **overrides,
    }


@pytest.mark.parametrize("persona", ["officer", "spo"])
def test_the_contact_level_is_changed(client, request, supervised_case, weekly_level, persona):
    user = request.getfixturevalue(persona)
    sign_in(client, user)
    page = client.get(reverse("cases:contact_level_change", args=[supervised_case.crn]))
    assert "The Grid says" in page.content.decode()
    assert "govuk-warning-text" in page.content.decode()

    response = client.post(
        reverse("cases:contact_level_change", args=[supervised_case.crn]), level_data(), follow=True
    )

    assert "Contact level changed to" in response.content.decode()
    level = ContactLevelDecision.objects.get(case=supervised_case, status="active")
    assert level.period_days == 14 and level.requested_by == user
    assert level.history.earliest().history_user == user


def test_a_reduction_with_an_open_escalation_goes_to_the_spo(
    client, officer, supervised_case, weekly_level, escalation
):
    sign_in(client, officer)

    response = client.post(
        reverse("cases:contact_level_change", args=[supervised_case.crn]), level_data(), follow=True
    )

    assert "has gone to your SPO for approval" in response.content.decode()
    assert ContactLevelDecision.objects.get(case=supervised_case, status="active") == weekly_level
    assert ContactLevelDecision.objects.filter(status="awaiting_approval").count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"reason": ""}, "Enter why you are changing the contact level"),
        ({"contacts": "0"}, "Contacts must be 1 or more"),
        ({"face_to_face": "3"}, "Face-to-face contacts cannot be more than the contacts"),
        ({"period_days": "10"}, "Select a valid choice"),
    ],
)
def test_bad_contact_levels_change_nothing(
    client, officer, supervised_case, weekly_level, overrides, message
):
    sign_in(client, officer)
    post_refused(
        client,
        reverse("cases:contact_level_change", args=[supervised_case.crn]),
        level_data(**overrides),
        message,
    )


def test_a_second_change_while_one_waits_is_refused(
    client, spo, supervised_case, pending_reduction
):
    sign_in(client, spo)
    post_refused(
        client,
        reverse("cases:contact_level_change", args=[supervised_case.crn]),
        level_data(period_days="7"),
        "already waiting for SPO approval",
    )


def test_applying_the_grid_sets_the_grid_level(client, officer, supervised_case):
    sign_in(client, officer)

    response = client.post(
        reverse("cases:contact_level_apply_grid", args=[supervised_case.crn]), follow=True
    )

    assert "The Grid is applied" in response.content.decode()
    level = ContactLevelDecision.objects.get(case=supervised_case, status="active")
    assert level.source == "grid"
    assert level.reason == f"Grid applied by {officer.get_full_name()}"
    assert level.history.get().history_user == officer


def test_applying_the_grid_without_a_grid_row_says_why(client, officer, case):
    case.tier = ""
    case.save()
    sign_in(client, officer)
    before = snapshot()

    response = client.post(reverse("cases:contact_level_apply_grid", args=[case.crn]), follow=True)

    assert "The Grid was not applied" in response.content.decode()
    assert snapshot() == before


def test_the_spo_approves_a_reduction(client, spo, officer, supervised_case, pending_reduction):
    sign_in(client, spo)

    response = approve(client, supervised_case.crn, pending_reduction)

    assert response.status_code == 302
    pending_reduction.refresh_from_db()
    assert pending_reduction.status == ContactLevelStatus.ACTIVE
    assert pending_reduction.decided_by == spo
    assert pending_reduction.history.latest().history_user == spo


def test_the_officer_cannot_approve_their_own_reduction(
    client, officer, supervised_case, pending_reduction
):
    sign_in(client, officer)

    response = approve(client, supervised_case.crn, pending_reduction)

    assert response.status_code == 404
    assert_still_awaiting_approval(pending_reduction)


def test_declining_without_a_note_shows_the_decision_page_again(
    client, spo, supervised_case, pending_reduction
):
    sign_in(client, spo)
    html = post_refused(
        client,
        decide_url(supervised_case.crn, pending_reduction),
        {"decision": "decline", "note": ""},
        "Say why the reduction is declined",
    )
    assert "Decide on the contact level reduction" in html


def test_the_spo_cannot_approve_their_own_request(
    client, spo, supervised_case, weekly_level, escalation
):
    own = contact_levels.contact_level_change(
        case=supervised_case, by=spo, contacts=1, period_days=42, face_to_face=1, reason="Stable"
    )
    sign_in(client, spo)

    response = approve(client, supervised_case.crn, own)

    assert_error_page(response, "You cannot approve your own request")
    assert_still_awaiting_approval(own)


def test_a_decision_already_made_is_not_made_again(client, spo, supervised_case, pending_reduction):
    contact_levels.contact_level_decide(decision=pending_reduction, by=spo, approve=True)
    sign_in(client, spo)
    post_refused(
        client,
        decide_url(supervised_case.crn, pending_reduction),
        {"decision": "decline", "note": "Changed my mind"},
        "already been decided",
    )


def test_a_decision_of_another_case_is_404(
    client, spo, officer, supervised_case, pending_reduction, team_a
):
    from tests.factories import CaseFactory

    sibling = CaseFactory(crn="A654321", team=team_a, responsible_officer=officer)
    sign_in(client, spo)

    response = approve(client, sibling.crn, pending_reduction)

    assert response.status_code == 404
    assert_still_awaiting_approval(pending_reduction)
