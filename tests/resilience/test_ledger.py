"""The checker the fault tests and bench/chaos.py use fails on a lost or a duplicated
notification, so the build fails when one is lost or duplicated."""

import pytest

from tests.resilience.ledger import DeliveryError, check_exactly_once, reconcile

EXPECTED = [("m1", 1), ("m2", 1), ("m2", 2)]


def test_every_notification_delivered_once_passes():
    ledger = check_exactly_once(EXPECTED, [("m2", 2), ("m1", 1), ("m2", 1)])

    assert (ledger.expected, ledger.delivered) == (3, 3)


def test_a_lost_notification_fails_the_check():
    with pytest.raises(DeliveryError, match="lost 1"):
        check_exactly_once(EXPECTED, [("m1", 1), ("m2", 1)])


def test_a_duplicated_notification_fails_the_check():
    with pytest.raises(DeliveryError, match="duplicated 1"):
        check_exactly_once(EXPECTED, [("m1", 1), ("m2", 1), ("m2", 2), ("m1", 1)])


def test_one_lost_and_another_duplicated_still_fails_though_the_totals_agree():
    ledger = reconcile(EXPECTED, [("m1", 1), ("m1", 1), ("m2", 2)])

    assert ledger.expected == 3 and ledger.lost == (("m2", 1),)
    with pytest.raises(DeliveryError):
        check_exactly_once(EXPECTED, [("m1", 1), ("m1", 1), ("m2", 2)])


def test_a_delivery_nobody_asked_for_fails_the_check():
    with pytest.raises(DeliveryError, match="unexpected 1"):
        check_exactly_once(EXPECTED, [*EXPECTED, ("m3", 1)])


def test_the_fault_tests_check_fails_when_the_worker_sends_an_e_mail_twice(tmp_path, db):
    """Fed through delivered_keys, as the fault tests do: an e-mail written twice for
    one inbox row is a duplicate."""
    from tests.factories import NotificationFactory, OutboxMessageFactory
    from tests.resilience.conftest import delivered_keys

    message = OutboxMessageFactory()
    note = NotificationFactory(source_message=message)
    email = f"Subject: New notification\n\nhttp://x/notifications/{note.pk}/\n" + "-" * 79 + "\n"
    (tmp_path / "mail.log").write_text(email * 2)

    inbox, emails = delivered_keys(tmp_path)

    expected = [(str(message.pk), note.recipient_id)]
    check_exactly_once(expected, inbox)
    with pytest.raises(DeliveryError, match="duplicated 1"):
        check_exactly_once(expected, emails)
