"""A digest names several cases and no single one (the weekly Grid shortfall: one CRN a
line, linking to the team caseload). Its lines about cases the reader may not open are
hidden in the inbox, on its page and in the admin (issue 9, findings 1 and 8)."""

import pytest
from django.urls import reverse

from cases.models import AccessListKind, CaseAccessEntry
from crc.notifications import services
from crc.notifications.models import Notification
from crc.notifications.redaction import HIDDEN_LINE, redact
from crc.organisation.roles import sync_role_groups
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_case(team_a, officer):
    return CaseFactory(crn="H654321", team=team_a, responsible_officer=officer)


@pytest.fixture
def digest(case, hidden_case, spo):
    message = services.notification_send(
        recipients=[spo],
        subject="Contact below the Grid: 2 case(s) in your teams",
        body=f"{case.crn}: 1 contact(s) against L2\n{hidden_case.crn}: 0 contact(s) against L3",
        url="/cases/team/",
        category="reviews",
    )
    services.outbox_deliver(message_id=message.pk)
    return message


def _restrict_to(case, *people):
    for person in people:
        CaseAccessEntry.objects.create(
            case=case, staff=person, kind=AccessListKind.RESTRICTION, reason="staff member"
        )


def test_a_line_naming_a_case_i_was_excluded_from_since_is_hidden_in_my_inbox(
    client, spo, digest, case, hidden_case
):
    CaseAccessEntry.objects.create(
        case=hidden_case, staff=spo, kind=AccessListKind.EXCLUSION, reason="conflict"
    )
    client.force_login(spo)
    notification = Notification.objects.get(recipient=spo)
    for url in (
        reverse("notifications:inbox"),
        reverse("notifications:detail", args=[notification.pk]),
    ):
        html = client.get(url).content.decode()
        assert f"{case.crn}: 1 contact(s)" in html
        assert hidden_case.crn not in html
        assert HIDDEN_LINE.replace("(", "").replace(")", "") in html


def test_the_service_centre_reads_a_digest_in_the_admin_without_the_restricted_line(
    client, service_centre, officer, digest, case, hidden_case
):
    sync_role_groups()
    _restrict_to(hidden_case, officer)
    client.force_login(service_centre)
    pages = [
        reverse("admin:notifications_outboxmessage_change", args=[digest.pk]),
        reverse(
            "admin:notifications_notification_change",
            args=[Notification.objects.get(source_message=digest).pk],
        ),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert f"{case.crn}: 1 contact(s)" in html
        assert hidden_case.crn not in html


def test_a_notification_naming_only_its_own_case_costs_no_extra_query(
    client, officer, case, django_assert_max_num_queries
):
    for i in range(5):
        services.outbox_deliver(
            message_id=services.notification_send(
                recipients=[officer],
                subject=f"Escalation {i}: {case.crn}",
                body=f"The escalation for {case.crn} moved on.",
                url=f"/cases/{case.crn}/risk/",
                category="escalation",
            ).pk
        )
    client.force_login(officer)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("notifications:inbox")).content.decode()
    assert HIDDEN_LINE not in html


def test_text_shaped_like_a_crn_that_is_no_visible_case_is_hidden_too():
    assert redact("Seen: A123456\nOther: Q000001", visible={"A123456"}) == (
        f"Seen: A123456\n{HIDDEN_LINE}"
    )
    assert redact("No case named here", visible=set()) == "No case named here"
