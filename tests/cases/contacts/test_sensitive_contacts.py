"""Sensitive contacts: one rule on the server for every surface that can show the text
(issue 9, finding 6). The allocated officer and their line manager read it; anyone else
who may open the case learns only that a sensitive contact happened."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.contacts import services
from cases.contacts.sensitivity import may_read_sensitive_detail
from cases.models import Contact
from crc.notifications.models import Notification, OutboxMessage
from tests.cases.helpers import admin_url
from tests.conftest import sign_in
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

SECRET = "Disclosed that her partner threatens her at home"
REASON = "Hospital appointment after the assault"


@pytest.fixture
def sensitive_contact(case, officer):
    return ContactFactory(
        case=case,
        recorded_by=officer,
        sensitive=True,
        summary=SECRET,
        check_in=SECRET,
        outcome="acceptable_absence",
        absence_reason=REASON,
    )


def _page(client, user, url):
    sign_in(client, user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("persona", "reads"),
    [
        ("officer", True),
        ("spo", True),
        ("colleague", False),
        ("pso", False),
        ("area_manager", False),
        ("qpm", False),
        ("service_centre", False),
    ],
)
def test_one_rule_says_who_reads_a_sensitive_contact(request, case, persona, reads):
    assert may_read_sensitive_detail(request.getfixturevalue(persona), case) is reads


@pytest.mark.parametrize("persona", ["colleague", "qpm", "area_manager"])
def test_the_contacts_tab_does_not_send_the_text_to_other_readers(
    client, request, case, sensitive_contact, persona
):
    html = _page(
        client, request.getfixturevalue(persona), reverse("cases:contacts", args=[case.crn])
    )
    assert "Sensitive" in html
    assert SECRET not in html
    assert REASON not in html


@pytest.mark.parametrize("persona", ["officer", "spo"])
def test_the_contacts_tab_shows_the_text_to_the_officer_and_line_manager(
    client, request, case, sensitive_contact, persona
):
    html = _page(
        client, request.getfixturevalue(persona), reverse("cases:contacts", args=[case.crn])
    )
    assert SECRET in html
    assert REASON in html


def test_the_timeline_holds_the_text_back_by_the_same_rule(
    client, case, sensitive_contact, colleague, officer
):
    url = reverse("cases:timeline", args=[case.crn])
    assert SECRET not in _page(client, colleague, url)
    client.logout()
    assert SECRET in _page(client, officer, url)


def test_the_admin_change_page_leaves_the_text_out_for_the_service_centre(
    client, sensitive_contact, service_centre
):
    html = _page(client, service_centre, admin_url(Contact, "change", sensitive_contact.pk))
    assert SECRET not in html
    assert REASON not in html


def test_the_admin_history_pages_leave_the_text_out_for_the_service_centre(
    client, sensitive_contact, service_centre
):
    history = sensitive_contact.history.first()
    for url in (
        admin_url(Contact, "history", sensitive_contact.pk),
        admin_url(Contact, "simple_history", sensitive_contact.pk, history.history_id),
    ):
        html = _page(client, service_centre, url)
        assert SECRET not in html, url
        assert REASON not in html, url


def test_an_ordinary_contact_shows_in_full_in_the_admin(client, case, officer, service_centre):
    contact = ContactFactory(case=case, recorded_by=officer, summary="Talked about work")
    assert "Talked about work" in _page(
        client, service_centre, admin_url(Contact, "change", contact.pk)
    )


def test_no_notification_or_outbox_message_carries_the_text(
    case, officer, spo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        contact = services.contact_record(
            case=case,
            by=officer,
            contact_type="office",
            happened_at=timezone.now() - dt.timedelta(hours=2),
            outcome="unacceptable_absence",
            crissa={"summary": SECRET},
            sensitive=True,
            absence_reason=REASON,
        )
        services.enforcement_decide(contact=contact, by=officer, kind="breach")
    assert OutboxMessage.objects.exists()
    sent = [str(m.payload) for m in OutboxMessage.objects.all()]
    sent += [f"{n.subject} {n.body}" for n in Notification.objects.all()]
    for text in sent:
        assert SECRET not in text
        assert REASON not in text
