"""The service centre's tasks change only through their service, from the admin too."""

import pytest
from django.urls import reverse

from cases.contacts import services as contacts_services
from cases.models import EnforcementStatus, ServiceCentreTask, TaskStatus
from crc.access.models import AccessKind, AccessLog
from tests.cases.contacts.conftest import make_contact
from tests.cases.helpers import admin_url, mark_done
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def warning_task(case, officer):
    contact = make_contact(case, outcome="unacceptable_absence")
    action = contacts_services.enforcement_decide(contact=contact, by=officer, kind="warning")
    return action, ServiceCentreTask.objects.get(source_key__startswith="enforcement:")


def test_marking_done_in_the_admin_closes_the_warning_with_history(
    client, supervised, officer, service_centre
):
    action, task = warning_task(supervised, officer)
    sign_in(client, service_centre)
    assert mark_done(client, task).status_code == 302
    action.refresh_from_db()
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert action.status == EnforcementStatus.DONE
    assert action.history.first().history_user == service_centre
    assert task.history.first().history_user == service_centre
    assert AccessLog.objects.filter(
        kind=AccessKind.CHANGE, staff=service_centre, case_id=supervised.pk
    ).exists()


def test_setting_done_on_the_admin_form_closes_the_warning(
    client, supervised, officer, service_centre
):
    action, task = warning_task(supervised, officer)
    sign_in(client, service_centre)
    response = client.post(admin_url(ServiceCentreTask, "change", task.pk), {"status": "done"})
    assert response.status_code == 302, response.content.decode()[:2000]
    action.refresh_from_db()
    task.refresh_from_db()
    assert task.completed_by == service_centre
    assert action.status == EnforcementStatus.DONE


def test_reopening_a_task_in_the_admin_clears_its_completion(
    client, supervised, officer, service_centre
):
    _, task = warning_task(supervised, officer)
    sign_in(client, service_centre)
    client.post(admin_url(ServiceCentreTask, "change", task.pk), {"status": "done"})
    client.post(admin_url(ServiceCentreTask, "change", task.pk), {"status": "open"})
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN
    assert task.completed_by is None
    assert task.history.first().history_user == service_centre


def test_marking_done_from_the_task_list_logs_the_change(
    client, supervised, officer, service_centre
):
    action, task = warning_task(supervised, officer)
    sign_in(client, service_centre)
    client.post(reverse("cases:service_centre_task_done", args=[task.pk]))
    action.refresh_from_db()
    assert action.status == EnforcementStatus.DONE
    assert AccessLog.objects.filter(
        kind=AccessKind.CHANGE, page="cases:service_centre_task_done", case_id=supervised.pk
    ).exists()
