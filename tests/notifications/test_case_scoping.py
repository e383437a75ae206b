"""Notifications about a case follow the access policy everywhere they can be read: the
admin (finding 1), delivery, the inbox, its count and the single page (finding 8), and
e-mails carry only a link (finding 8)."""

import pytest
from django.core import mail
from django.urls import reverse

from cases.models import AccessListKind, CaseAccessEntry
from crc import navigation
from crc.notifications import selectors, services
from crc.notifications.models import Notification, OutboxMessage
from crc.organisation.roles import sync_role_groups

pytestmark = pytest.mark.django_db

SECRET_BODY = "Escalated: threats to the victim at 12 Acacia Avenue"


def _notify(case, *people, subject=None, body=SECRET_BODY):
    return services.notification_send(
        recipients=people,
        subject=subject or f"Risk of harm escalation: {case.crn}",
        body=body,
        url=f"/cases/{case.crn}/risk/",
        category="escalation",
    )


def _restrict(case, *named):
    for person in named:
        CaseAccessEntry.objects.create(
            case=case, staff=person, kind=AccessListKind.RESTRICTION, reason="staff member"
        )


def _exclude(case, person):
    CaseAccessEntry.objects.create(
        case=case, staff=person, kind=AccessListKind.EXCLUSION, reason="conflict of interest"
    )


# ------------------------------------------------------------------ finding 1: admin


@pytest.fixture
def restricted_notification(case, officer):
    message = _notify(case, officer)
    services.outbox_deliver(message_id=message.pk)
    _restrict(case, officer)
    return Notification.objects.get(source_message=message)


def test_the_service_centre_does_not_see_a_restricted_cases_notification_in_the_admin(
    client, service_centre, restricted_notification, other_team_case, other_officer
):
    sync_role_groups()
    visible = _notify(other_team_case, other_officer, subject="Visible one B123456")
    services.outbox_deliver(message_id=visible.pk)
    client.force_login(service_centre)

    listing = client.get(reverse("admin:notifications_notification_changelist"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Visible one B123456" in html
    assert "A123456" not in html
    change = reverse("admin:notifications_notification_change", args=[restricted_notification.pk])
    assert client.get(change).status_code == 404
    assert (
        client.get(reverse("admin:notifications_notification_change", args=[999999])).status_code
        == 404
    )


def test_the_service_centre_does_not_see_a_restricted_cases_outbox_message_in_the_admin(
    client, service_centre, restricted_notification
):
    sync_role_groups()
    message = restricted_notification.source_message
    client.force_login(service_centre)

    listing = client.get(reverse("admin:notifications_outboxmessage_changelist"))
    assert listing.status_code == 200
    assert str(message.pk) not in listing.content.decode()
    assert "A123456" not in listing.content.decode()
    change = reverse("admin:notifications_outboxmessage_change", args=[message.pk])
    assert client.get(change).status_code == 404


def test_an_administrator_not_named_on_a_restriction_list_is_bound_too(
    client, administrator, restricted_notification
):
    client.force_login(administrator)
    change = reverse("admin:notifications_notification_change", args=[restricted_notification.pk])
    assert client.get(change).status_code == 404


def test_the_service_centre_still_sees_messages_about_cases_it_may_open(
    client, service_centre, case, officer
):
    sync_role_groups()
    message = _notify(case, officer)
    client.force_login(service_centre)
    change = reverse("admin:notifications_outboxmessage_change", args=[message.pk])
    assert client.get(change).status_code == 200


def test_the_case_is_taken_from_a_case_link_and_recorded_on_both_rows(case, officer):
    message = _notify(case, officer)
    services.outbox_deliver(message_id=message.pk)
    assert message.case_crn == case.crn
    assert Notification.objects.get().case_crn == case.crn
    general = services.notification_send(
        recipients=[officer], subject="Digest", body="", url="/cases/team/", category="x"
    )
    assert general.case_crn == ""


# --------------------------------------------------------------- finding 8: delivery


@pytest.mark.parametrize(
    ("second", "add_to_list", "named"),
    [
        pytest.param("spo", _exclude, "spo", id="the second recipient excluded"),
        pytest.param("colleague", _restrict, "officer", id="a restriction naming only the officer"),
    ],
)
def test_an_access_list_entry_added_after_queueing_stops_delivery_to_whoever_it_shuts_out(
    request, case, officer, second, add_to_list, named, mailoutbox
):
    message = _notify(case, officer, request.getfixturevalue(second))
    add_to_list(case, request.getfixturevalue(named))

    services.outbox_deliver(message_id=message.pk)

    # Neither the inbox row nor the e-mail for the one shut out.
    assert list(Notification.objects.values_list("recipient", flat=True)) == [officer.pk]
    assert len(mailoutbox) == 1
    assert [m.to for m in mailoutbox] == [[officer.email]]


# ------------------------------------------------------------------ finding 8: inbox


@pytest.fixture
def delivered_then_excluded(case, officer, spo):
    services.outbox_deliver(message_id=_notify(case, officer, spo).pk)
    notification = Notification.objects.get(recipient=spo)
    _exclude(case, spo)
    return notification


def test_the_inbox_no_longer_lists_a_notification_about_a_case_i_was_excluded_from(
    client, spo, delivered_then_excluded
):
    client.force_login(spo)
    html = client.get(reverse("notifications:inbox")).content.decode()
    assert "A123456" not in html
    assert SECRET_BODY not in html
    assert "You have no notifications." in html


def test_the_header_count_leaves_it_out(rf, spo, delivered_then_excluded):
    assert selectors.notification_unread_count(user=spo) == 0
    request = rf.get("/")
    request.user = spo
    assert navigation.unread_count(request) == 0


def test_its_page_and_its_link_are_not_found(client, spo, delivered_then_excluded):
    client.force_login(spo)
    pk = delivered_then_excluded.pk
    assert client.get(reverse("notifications:detail", args=[pk])).status_code == 404
    assert client.post(reverse("notifications:read", args=[pk])).status_code == 404


def test_the_people_still_allowed_keep_it(client, officer, delivered_then_excluded):
    client.force_login(officer)
    notification = Notification.objects.get(recipient=officer)
    page = client.get(reverse("notifications:detail", args=[notification.pk]))
    assert page.status_code == 200
    assert SECRET_BODY in page.content.decode()
    assert selectors.notification_unread_count(user=officer) == 1


def test_a_notification_about_no_case_stays_in_the_inbox(client, officer):
    services.outbox_deliver(
        message_id=services.notification_send(
            recipients=[officer], subject="Weekly digest", body="", url="", category="x"
        ).pk
    )
    client.force_login(officer)
    assert "Weekly digest" in client.get(reverse("notifications:inbox")).content.decode()


def test_a_notification_about_a_case_that_no_longer_exists_is_hidden(officer):
    Notification.objects.create(recipient=officer, subject="Old", case_crn="Z999999")
    assert not selectors.notifications_for_user(user=officer).exists()


# ----------------------------------------------------------------- finding 8: e-mail


def test_the_email_carries_a_link_and_no_case_details_or_free_text(
    case, officer, mailoutbox, settings
):
    settings.SITE_URL = "https://crc.example"
    # Names no e-mail wording could contain by chance (a random "Ana" is inside "manage").
    case.first_name, case.last_name = "Zebulon", "Quaxley"
    case.save()
    services.outbox_deliver(message_id=_notify(case, officer).pk)

    notification = Notification.objects.get()
    (email,) = mailoutbox
    text = email.subject + email.body + "".join(str(a) for a in email.alternatives)
    assert f"https://crc.example/notifications/{notification.pk}/" in email.body
    for detail in (case.crn, SECRET_BODY, "escalation", case.first_name, case.last_name):
        assert detail.lower() not in text.lower()
    assert email.attachments == []


def test_every_email_body_is_the_fixed_wording_around_one_link(case, officer, settings):
    settings.SITE_URL = ""
    services.outbox_deliver(message_id=_notify(case, officer).pk)
    notification = Notification.objects.get()
    subject, body = services.notification_email_text(notification=notification)
    assert subject == f"New notification: {settings.SERVICE_NAME}"
    assert body == (
        f"You have a new notification in {settings.SERVICE_NAME}.\n\n"
        f"Sign in to read it:\n/notifications/{notification.pk}/\n"
    )
    assert mail.outbox[0].body == body


def test_outbox_messages_keep_their_case_for_scoping(case, officer):
    _notify(case, officer)
    assert OutboxMessage.objects.get().case_crn == case.crn
