"""notification_send, the "notification" handler and marking read."""

import pytest

from crc.notifications import services
from crc.notifications.models import Notification, OutboxMessage
from crc.organisation.models import Staff


def _send(*recipients, **overrides):
    params = {
        "recipients": recipients,
        "subject": "Enforcement decision due",
        "body": "Jo Bloggs missed an appointment on 3 March.",
        "url": "/cases/12/",
        "category": "enforcement",
    }
    params.update(overrides)
    return services.notification_send(**params)


def test_it_enqueues_one_message_naming_each_recipient_once(db, officer, colleague):
    message = _send(officer, colleague, officer.pk)
    assert message.kind == "notification"
    assert message.payload["recipient_ids"] == sorted([officer.pk, colleague.pk])
    assert not Notification.objects.exists()  # nothing shows until delivery


def test_sending_to_nobody_enqueues_nothing(db):
    assert _send() is None
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    "url", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "cases/12/"]
)
def test_it_refuses_a_link_that_could_leave_the_service(db, officer, url):
    with pytest.raises(services.NotificationError):
        _send(officer, url=url)
    assert not OutboxMessage.objects.exists()


def test_delivery_makes_one_notification_and_one_email_per_recipient(
    db, officer, colleague, mailoutbox, settings
):
    settings.SITE_URL = "https://crc.example/"
    message = _send(officer, colleague)

    services.outbox_deliver(message_id=message.pk)

    notifications = Notification.objects.filter(source_message=message)
    assert sorted(n.recipient_id for n in notifications) == sorted([officer.pk, colleague.pk])
    assert all(n.read_at is None and n.url == "/cases/12/" for n in notifications)
    assert sorted(m.to[0] for m in mailoutbox) == ["colleague@crc.example", "officer@crc.example"]
    mine = notifications.get(recipient=officer)
    email = next(m for m in mailoutbox if m.to == ["officer@crc.example"])
    assert f"https://crc.example/notifications/{mine.pk}/" in email.body


def test_delivering_twice_still_makes_one_notification_and_one_email_each(db, officer, mailoutbox):
    message = _send(officer)
    services.outbox_deliver(message_id=message.pk)
    # A redelivery after the row was marked delivered, and one that slipped past it
    # (the handler run again on the same message).
    services.outbox_deliver(message_id=message.pk)
    services.notification_deliver(message=message)

    assert Notification.objects.filter(recipient=officer).count() == 1
    assert len(mailoutbox) == 1


def test_without_a_site_url_the_email_carries_the_path(db, officer, mailoutbox, settings):
    settings.SITE_URL = ""
    services.outbox_deliver(message_id=_send(officer, url="").pk)
    notification = Notification.objects.get()
    assert mailoutbox[0].body.endswith(f"\n/notifications/{notification.pk}/\n")


def test_people_without_an_address_get_the_inbox_entry_only(db, officer, mailoutbox):
    Staff.objects.filter(pk=officer.pk).update(email="")
    services.outbox_deliver(message_id=_send(officer).pk)
    assert Notification.objects.filter(recipient=officer).count() == 1
    assert mailoutbox == []


def test_only_the_recipient_can_mark_a_notification_read(db, officer, colleague):
    services.outbox_deliver(message_id=_send(officer).pk)
    notification = Notification.objects.get()

    with pytest.raises(services.NotTheRecipientError):
        services.notification_mark_read(notification=notification, user=colleague)
    notification.refresh_from_db()
    assert notification.read_at is None

    services.notification_mark_read(notification=notification, user=officer)
    first_read = Notification.objects.get().read_at
    assert first_read is not None
    services.notification_mark_read(notification=notification, user=officer)
    assert Notification.objects.get().read_at == first_read


def test_marking_all_read_touches_only_my_unread_notifications(db, officer, colleague):
    services.outbox_deliver(message_id=_send(officer, colleague).pk)
    services.outbox_deliver(message_id=_send(officer, subject="Second").pk)

    assert services.notification_mark_all_read(user=officer) == 2
    assert not Notification.objects.filter(recipient=officer, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=colleague, read_at__isnull=True).count() == 1
