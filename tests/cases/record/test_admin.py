"""The case record in the admin cannot bypass the services."""

import datetime as dt

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from cases.models import Case, Order, ServiceCentreTask, TaskStatus
from cases.risk import services as risk_services
from crc.access.models import AccessLog
from tests.cases.helpers import CASE_MODELS, admin_url, give_admin_reason, mark_done, person_form
from tests.conftest import sign_in
from tests.factories import OrderFactory

pytestmark = pytest.mark.django_db


# --- Writes go through the services ------------------------------------------------------


def test_service_centre_corrects_person_details_with_history(client, service_centre, case):
    sign_in(client, service_centre)
    response = client.post(
        admin_url(Case, "change", case.pk), person_form(case, last_name="Corrected")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    case.refresh_from_db()
    assert case.last_name == "Corrected"
    assert case.history.first().history_user == service_centre


def test_a_corrected_sex_recalculates_the_tier(client, service_centre, case, officer):
    risk_services.risk_record(case=case, by=officer, parenting_responsibilities=True)
    case.refresh_from_db()
    assert case.tier_working["protect_points"] == 0
    sign_in(client, service_centre)
    response = client.post(admin_url(Case, "change", case.pk), person_form(case, sex="female"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.sex == "female"
    # Women's complexity factors count only for women: the tier moved with the sex.
    assert case.tier_working["protect_points"] > 0


def test_derived_and_service_owned_fields_cannot_be_posted(
    client, service_centre, case, other_officer, team_b
):
    sign_in(client, service_centre)
    response = client.post(
        admin_url(Case, "change", case.pk),
        person_form(
            case,
            tier="A3",
            rosh_overall="very_high",
            responsible_officer=other_officer.pk,
            team=team_b.pk,
            status="terminated",
            crn="Z999999",
            ogrs_score="90",
            mappa_level="3",
        ),
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.tier, case.rosh_overall, case.status, case.crn) == ("C2", "", "active", "A123456")
    assert (case.responsible_officer_id, case.team_id) != (other_officer.pk, team_b.pk)
    assert case.ogrs_score is None and case.mappa_level is None


def test_cases_are_not_added_in_the_admin(client, administrator):
    sign_in(client, administrator)
    assert client.get(admin_url(Case, "add")).status_code == 403


@pytest.mark.parametrize("persona", ["service_centre", "administrator"])
def test_nobody_deletes_a_case_in_the_admin(client, request, persona, case):
    sign_in(client, request.getfixturevalue(persona))
    assert client.post(admin_url(Case, "delete", case.pk), {"post": "yes"}).status_code == 403
    client.post(
        admin_url(Case, "changelist"),
        {"action": "delete_selected", "_selected_action": [case.pk], "post": "yes"},
    )
    assert Case.objects.filter(pk=case.pk).exists()


@pytest.mark.parametrize("model", CASE_MODELS, ids=lambda m: m._meta.model_name)
def test_service_centre_may_delete_nothing(service_centre, model):
    request = RequestFactory().get("/admin/")
    request.user = service_centre
    model_admin = site._registry[model]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert not service_centre.has_perm(f"cases.delete_{model._meta.model_name}")


def test_case_history_cannot_be_reverted_from_the_admin(client, administrator, case):
    case.first_name = "Changed"
    case.save()
    first = case.history.earliest()
    sign_in(client, administrator)
    give_admin_reason(client, case)
    url = admin_url(Case, "simple_history", case.pk, first.history_id)
    assert client.get(url).status_code == 200
    assert client.post(url, person_form(case)).status_code == 403
    case.refresh_from_db()
    assert case.first_name == "Changed"


def test_read_only_records_cannot_be_changed(client, service_centre, case):
    order = OrderFactory(case=case)
    sign_in(client, service_centre)
    url = admin_url(Order, "change", order.pk)
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert client.post(url, {"court": "Elsewhere"}).status_code == 403
    assert AccessLog.objects.filter(page="admin:cases_order_change", case_id=case.pk).exists()


def test_service_centre_completes_a_task_from_the_list(client, service_centre, case):
    task = ServiceCentreTask.objects.create(
        case=case,
        kind="warning_letter",
        description="Send it",
        due_date=dt.date(2026, 1, 5),
        source_key="t:1",
    )
    sign_in(client, service_centre)
    assert mark_done(client, task).status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert task.completed_by == service_centre
    assert task.completed_at is not None
    assert task.history.first().history_user == service_centre
