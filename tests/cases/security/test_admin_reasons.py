"""The admin asks an administrator why before it shows a case, exactly as the case
pages do (issue 9, finding 5), and logs every refusal (finding 10).

Decision for lists and searches: an administrator's lists show only the cases they
have given a reason for in the last 30 minutes; a search for a CRN asks for the reason
first. So no case data reaches them unexplained, and every row they see is logged with
its reason.
"""

import pytest
from django.urls import reverse

from cases.models import Case, Order, TaskStatus
from crc.access.models import AccessKind, AccessLog
from tests.cases.helpers import admin_url, mark_done
from tests.conftest import sign_in
from tests.factories import (
    CaseAccessEntryFactory,
    CaseFactory,
    OrderFactory,
    ServiceCentreTaskFactory,
)

pytestmark = pytest.mark.django_db

WHY = "Correcting a date of birth reported by the service desk (ticket 4411)"


def give_reason(client, case, model=Case):
    return client.post(admin_url(model, "reason", case.pk), {"reason": WHY, "next": "/admin/"})


def test_the_change_page_asks_an_administrator_why_first(client, administrator, case):
    sign_in(client, administrator)
    url = admin_url(Case, "change", case.pk)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(admin_url(Case, "reason", case.pk))
    assert not AccessLog.objects.filter(kind=AccessKind.VIEW).exists()
    prompt = client.get(response["Location"])
    assert prompt.status_code == 200
    assert "Why do you need to open this case?" in prompt.content.decode()


def test_the_reason_is_logged_with_the_admin_view(client, administrator, case):
    sign_in(client, administrator)
    url = admin_url(Case, "change", case.pk)
    answered = client.post(admin_url(Case, "reason", case.pk), {"reason": WHY, "next": url})
    assert answered["Location"] == url
    assert client.get(url).status_code == 200
    row = AccessLog.objects.get(kind=AccessKind.VIEW)
    assert (row.case_id, row.reason, row.relationship) == (case.pk, WHY, "administration")


def test_a_reason_given_in_the_admin_covers_the_case_pages_too(client, administrator, case):
    sign_in(client, administrator)
    give_reason(client, case)
    assert client.get(reverse("cases:overview", args=[case.crn])).status_code == 200
    assert AccessLog.objects.get(kind=AccessKind.VIEW).reason == WHY


def test_a_short_reason_is_refused(client, administrator, case):
    sign_in(client, administrator)
    response = client.post(admin_url(Case, "reason", case.pk), {"reason": "because"})
    assert response.status_code == 200
    assert "at least 10 characters" in response.content.decode()
    assert client.get(admin_url(Case, "change", case.pk)).status_code == 302


@pytest.mark.parametrize("view", ["history", "simple_history"])
def test_the_history_pages_ask_too(client, administrator, case, view):
    sign_in(client, administrator)
    args = [case.pk] + ([case.history.first().history_id] if view == "simple_history" else [])
    assert client.get(admin_url(Case, view, *args)).status_code == 302
    give_reason(client, case)
    assert client.get(admin_url(Case, view, *args)).status_code == 200


def test_records_on_a_case_ask_for_the_case_reason(client, administrator, case):
    order = OrderFactory(case=case)
    sign_in(client, administrator)
    response = client.get(admin_url(Order, "change", order.pk))
    assert response["Location"].startswith(admin_url(Order, "reason", case.pk))
    give_reason(client, case, Order)
    assert client.get(admin_url(Order, "change", order.pk)).status_code == 200


def test_the_list_shows_an_administrator_only_cases_with_a_reason(
    client, administrator, case, other_team_case
):
    sign_in(client, administrator)
    empty = client.get(admin_url(Case, "changelist")).content.decode()
    assert case.crn not in empty and case.last_name not in empty
    assert not AccessLog.objects.exists()
    give_reason(client, case)
    listed = client.get(admin_url(Case, "changelist")).content.decode()
    assert case.last_name in listed
    assert other_team_case.crn not in listed
    row = AccessLog.objects.get(kind=AccessKind.VIEW)
    assert (row.case_id, row.reason, row.page) == (case.pk, WHY, "admin:cases_case_changelist")


def test_a_name_search_finds_nothing_without_a_reason(client, administrator, case):
    sign_in(client, administrator)
    page = client.get(admin_url(Case, "changelist") + f"?q={case.last_name}").content.decode()
    assert case.crn not in page
    assert case.first_name not in page
    assert not AccessLog.objects.exists()


def test_a_crn_search_asks_for_the_reason_then_shows_the_case(client, administrator, case):
    sign_in(client, administrator)
    url = admin_url(Case, "changelist") + f"?q={case.crn.lower()}"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(admin_url(Case, "reason", case.pk))
    client.post(admin_url(Case, "reason", case.pk), {"reason": WHY, "next": url})
    assert case.last_name in client.get(url).content.decode()


def test_the_service_centre_needs_no_reason(client, service_centre, case):
    sign_in(client, service_centre)
    assert client.get(admin_url(Case, "change", case.pk)).status_code == 200
    assert case.last_name in client.get(admin_url(Case, "changelist")).content.decode()
    assert AccessLog.objects.get(kind=AccessKind.VIEW).relationship == "service centre"


def test_the_reason_page_is_404_and_logged_for_a_hidden_case(client, administrator, case, spo):
    CaseAccessEntryFactory(case=case, staff=administrator, kind="exclusion")
    sign_in(client, administrator)
    assert client.post(admin_url(Case, "reason", case.pk), {"reason": WHY}).status_code == 404
    row = AccessLog.objects.get()
    assert (row.kind, row.case_id) == (AccessKind.DENIED, case.pk)


def test_the_reason_page_never_redirects_off_the_admin(client, administrator, case):
    sign_in(client, administrator)
    response = client.post(
        admin_url(Case, "reason", case.pk), {"reason": WHY, "next": "https://evil.example/"}
    )
    assert response["Location"] == admin_url(Case, "changelist")


# --- Refusals are logged (finding 10) ------------------------------------------------------


def test_an_admin_404_for_a_hidden_case_is_logged(client, service_centre, team_a, spo):
    hidden = CaseFactory(team=team_a)
    CaseAccessEntryFactory(case=hidden, staff=service_centre, kind="exclusion")
    sign_in(client, service_centre)
    assert client.get(admin_url(Case, "change", hidden.pk)).status_code == 404
    row = AccessLog.objects.get()
    assert (row.kind, row.case_id, row.case_crn) == (AccessKind.DENIED, hidden.pk, hidden.crn)
    assert row.page == "admin:cases_case_change"


def test_an_admin_404_for_a_missing_id_is_logged(client, service_centre):
    sign_in(client, service_centre)
    assert client.get(admin_url(Case, "change", 999999)).status_code == 404
    assert AccessLog.objects.get().kind == AccessKind.DENIED


def test_marking_done_a_task_on_a_hidden_case_is_refused_and_logged(
    client, service_centre, case, team_a
):
    hidden = CaseFactory(team=team_a)
    CaseAccessEntryFactory(case=hidden, staff=service_centre, kind="exclusion")
    task = ServiceCentreTaskFactory(case=hidden)
    sign_in(client, service_centre)
    mark_done(client, task)
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN
    row = AccessLog.objects.get(kind=AccessKind.DENIED)
    assert (row.case_id, row.staff) == (hidden.pk, service_centre)


# --- Refusals outside the admin ----------------------------------------------------------


def test_a_reason_page_probe_for_a_hidden_case_is_logged(client, other_officer, case):
    sign_in(client, other_officer)
    assert client.get(reverse("cases:reason", args=[case.crn])).status_code == 404
    row = AccessLog.objects.get()
    assert (row.kind, row.case_id, row.page) == (AccessKind.DENIED, case.pk, "cases:reason")


def test_a_reason_page_probe_for_a_missing_crn_is_logged(client, other_officer):
    sign_in(client, other_officer)
    assert client.get(reverse("cases:reason", args=["Z999999"])).status_code == 404
    row = AccessLog.objects.get()
    assert (row.kind, row.case_crn) == (AccessKind.DENIED, "Z999999")


def test_the_task_done_page_on_a_hidden_case_is_refused_and_logged(client, service_centre, team_a):
    hidden = CaseFactory(team=team_a)
    CaseAccessEntryFactory(case=hidden, staff=service_centre, kind="exclusion")
    task = ServiceCentreTaskFactory(case=hidden)
    sign_in(client, service_centre)
    response = client.post(reverse("cases:service_centre_task_done", args=[task.pk]))
    assert response.status_code == 404
    row = AccessLog.objects.get()
    assert (row.kind, row.case_id) == (AccessKind.DENIED, hidden.pk)
