"""The deadlines for information requests come from the policy table."""

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cases.allocation import services as allocation_services
from cases.models import DeadlinePolicy
from cases.planning import information_requests
from cases.risk import services as risk_services
from crc.notifications.models import OutboxMessage
from crc.workingdays import add_working_days
from tests.conftest import sign_in
from tests.factories import OrderFactory

pytestmark = pytest.mark.django_db


def set_days(key: str, days: int) -> None:
    DeadlinePolicy.objects.filter(key=key).update(working_days=days)


@pytest.fixture
def domestic_abuse_case(case, officer):
    OrderFactory(case=case)
    risk_services.registration_add(case=case, by=officer, registration_type="domestic_abuse")
    return case


@time_machine.travel("2026-03-02 10:00 +0000", tick=False)
def test_allocation_tells_the_officer_when_the_requests_are_due(
    domestic_abuse_case, colleague, spo
):
    set_days("information-request-send", 3)
    allocation_services.case_allocate(
        case=domestic_abuse_case, officer=colleague, reason="Officer on leave", by=spo
    )
    due = add_working_days(timezone.localdate(), 3)
    assert information_requests.information_request_send_due(domestic_abuse_case) == due
    [alert] = [m for m in OutboxMessage.objects.all() if m.payload.get("category") == "allocation"]
    body = alert.payload["body"]
    assert f"Send information requests to police by {due:%d %B %Y}." in body


def test_an_unallocated_case_has_no_send_due_date(case):
    assert information_requests.information_request_send_due(case) is None


def test_the_assessment_tab_shows_when_the_request_is_due(
    client, domestic_abuse_case, colleague, spo
):
    allocation_services.case_allocate(
        case=domestic_abuse_case, officer=colleague, reason="Officer on leave", by=spo
    )
    due = information_requests.information_request_send_due(domestic_abuse_case)
    sign_in(client, colleague)
    page = client.get(reverse("cases:assessment", args=[domestic_abuse_case.crn]))
    assert f"Send the request by {due.day} {due:%B %Y}" in page.content.decode()


def test_the_request_form_states_the_policys_chase_and_escalation_days(client, case, officer):
    set_days("information-request-chase", 7)
    set_days("information-request-escalate", 12)
    sign_in(client, officer)
    page = client.get(reverse("cases:information_request_new", args=[case.crn]))
    text = page.content.decode()
    assert "due for a chase after 7 working days" in text
    assert "goes to your SPO after 12." in text
