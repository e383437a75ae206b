"""The policy tables in the admin: administrators edit, the service centre reads."""

import pytest

from cases.models import DeadlinePolicy, GridRule, InterventionSuggestion, RegistrationPolicy
from tests.cases.helpers import admin_url
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


# --- Policy tables -----------------------------------------------------------------------


def test_the_grid_lists_all_26_cells(client, administrator):
    sign_in(client, administrator)
    response = client.get(admin_url(GridRule, "changelist"))
    assert GridRule.objects.count() == 26
    assert "26 grid rules" in response.content.decode()
    assert response.content.decode().count('class="field-tier"') == 26


def test_administrator_edits_a_grid_cell_with_history(client, administrator):
    rule = GridRule.objects.get(tier="B2", phase="main")
    sign_in(client, administrator)
    response = client.post(
        admin_url(GridRule, "change", rule.pk),
        {"contacts": "3", "period_days": "28", "face_to_face": "2"},
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.contacts, rule.period_days, rule.face_to_face) == (3, 28, 2)
    assert rule.history.first().history_user == administrator
    assert rule.history.first().contacts == 3


def test_face_to_face_cannot_exceed_contacts(client, administrator):
    rule = GridRule.objects.get(tier="B2", phase="main")
    before = (rule.contacts, rule.period_days, rule.face_to_face)
    sign_in(client, administrator)
    response = client.post(
        admin_url(GridRule, "change", rule.pk),
        {"contacts": "2", "period_days": "28", "face_to_face": "3"},
    )
    assert response.status_code == 200
    assert "Face-to-face contacts must be no more than the contacts in the period (2)" in (
        response.content.decode()
    )
    rule.refresh_from_db()
    assert (rule.contacts, rule.period_days, rule.face_to_face) == before


def test_grid_cells_are_neither_added_nor_deleted(client, administrator):
    rule = GridRule.objects.first()
    sign_in(client, administrator)
    assert client.get(admin_url(GridRule, "add")).status_code == 403
    assert client.post(admin_url(GridRule, "delete", rule.pk), {"post": "yes"}).status_code == 403


@pytest.mark.parametrize(
    "model, data",
    [
        (DeadlinePolicy, {"description": "Changed", "working_days": "7"}),
        (RegistrationPolicy, {"review_months": "4"}),
        (InterventionSuggestion, None),
    ],
)
def test_administrator_edits_policy_with_history(client, administrator, model, data):
    row = model.objects.first()
    sign_in(client, administrator)
    if data is None:
        data = {"trigger": row.trigger, "value": row.value, "intervention": "Renamed"}
    response = client.post(admin_url(model, "change", row.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert row.history.first().history_user == administrator


@pytest.mark.parametrize(
    "model", [GridRule, RegistrationPolicy, DeadlinePolicy, InterventionSuggestion]
)
def test_service_centre_only_views_policy(client, service_centre, model):
    row = model.objects.first()
    sign_in(client, service_centre)
    assert client.get(admin_url(model, "changelist")).status_code == 200
    page = client.get(admin_url(model, "change", row.pk))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert client.post(admin_url(model, "change", row.pk), {}).status_code == 403
    assert client.get(admin_url(model, "add")).status_code == 403
    row.save()  # migration-seeded rows have no history row of their own yet
    history = row.history.first()
    revert = client.post(admin_url(model, "simple_history", row.pk, history.history_id), {})
    assert revert.status_code == 403
