"""The forms that raise and progress an escalation to the NPS."""

import pytest
from django.urls import reverse

from cases.models import Escalation, EscalationStatus
from tests.cases.helpers import assert_error_page, post_refused, sign_in

pytestmark = pytest.mark.django_db


# --- Escalation --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["officer", "spo"])
def test_an_escalation_is_raised(client, request, spo, supervised_case, persona):
    user = request.getfixturevalue(persona)
    sign_in(client, user)

    response = client.post(
        reverse("cases:escalation_raise", args=[supervised_case.crn]),
        {"reasons": "Police intelligence of weapons"},
    )

    assert response.status_code == 302
    escalation = Escalation.objects.get(case=supervised_case)
    assert escalation.raised_by == user and escalation.reasons == "Police intelligence of weapons"
    assert escalation.history.get().history_user == user


def test_raising_a_second_escalation_is_refused(client, officer, supervised_case, escalation):
    sign_in(client, officer)
    post_refused(
        client,
        reverse("cases:escalation_raise", args=[supervised_case.crn]),
        {"reasons": "Again"},
        "already has an open escalation",
    )


def test_raising_an_escalation_needs_reasons(client, officer, supervised_case):
    sign_in(client, officer)

    response = client.post(
        reverse("cases:escalation_raise", args=[supervised_case.crn]), {"reasons": ""}
    )

    assert_error_page(response, "Enter why the case must be escalated")
    assert not Escalation.objects.exists()


@pytest.mark.parametrize("persona", ["spo", "service_centre"])
def test_an_escalation_is_progressed_through_the_allowed_steps(
    client, request, supervised_case, escalation, persona
):
    user = request.getfixturevalue(persona)
    sign_in(client, user)
    url = reverse("cases:escalation_progress", args=[supervised_case.crn, escalation.pk])
    html = client.get(url).content.decode()
    # From raised, only referred or closed are offered.
    assert 'value="referred"' in html and 'value="closed"' in html
    assert 'value="accepted"' not in html

    response = client.post(url, {"to_status": "referred", "note": "Sent to the NPS hub"})

    assert response.status_code == 302
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.REFERRED
    assert escalation.history.latest().history_user == user


def test_an_escalation_cannot_skip_a_step(client, spo, supervised_case, escalation):
    sign_in(client, spo)
    post_refused(
        client,
        reverse("cases:escalation_progress", args=[supervised_case.crn, escalation.pk]),
        {"to_status": "accepted"},
        "Select one of the options shown",
    )


def test_closing_an_escalation_without_a_referral_needs_a_note(
    client, spo, supervised_case, escalation
):
    sign_in(client, spo)
    html = post_refused(
        client,
        reverse("cases:escalation_progress", args=[supervised_case.crn, escalation.pk]),
        {"to_status": "closed", "note": ""},
        "Say why the escalation is closed without a referral",
    )
    assert 'href="#id_note"' in html
