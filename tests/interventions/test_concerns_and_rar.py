"""A concern in session feedback reaches the officer exactly once (broker up or down),
and attended sessions credit RAR days against the order, once a day."""

import datetime as dt

import pytest

from crc.domain import DomainError
from crc.notifications.models import OutboxMessage
from interventions import selectors, services
from interventions.models import RarCredit
from tests.factories import RequirementFactory

pytestmark = pytest.mark.django_db


def concern_messages():
    return OutboxMessage.objects.filter(dedupe_key__startswith="intervention-concern:")


def test_a_concern_notifies_the_responsible_officer_once(walk, officer):
    referral = walk.approved()
    appointment = walk.session(referral, days_ago=1, concerns="Spoke of hurting his brother.")
    (message,) = concern_messages()
    assert message.dedupe_key == f"intervention-concern:{appointment.pk}"
    assert message.payload["recipient_ids"] == [officer.pk]
    assert "hurting his brother" in message.payload["body"]
    # Recording the same appointment again is refused, so the concern cannot be re-sent.
    with pytest.raises(DomainError):
        walk.attend_appointment(
            referral, appointment, summary="Again", concerns="Spoke of hurting his brother."
        )
    assert concern_messages().count() == 1


def test_feedback_without_a_concern_notifies_nobody(walk):
    walk.session(walk.approved(), days_ago=1)
    assert not concern_messages().exists()


def test_a_concern_is_kept_in_the_outbox_when_the_broker_is_down(
    walk, broker_down, django_capture_on_commit_callbacks
):
    referral = walk.approved()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        appointment = walk.session(referral, days_ago=1, concerns="Arrived intoxicated.")
    assert callbacks, "the publish was attempted"
    appointment.refresh_from_db()
    assert appointment.concerns == "Arrived intoxicated."
    (message,) = concern_messages()
    assert message.delivered_at is None  # waiting for the sweep


# --- RAR days ----------------------------------------------------------------------------


def test_an_attended_session_credits_a_rar_day(walk, rar):
    referral = walk.approved()
    appointment = walk.session(referral, days_ago=3, attendance="late")
    (credit,) = RarCredit.objects.all()
    assert (credit.requirement, credit.appointment) == (rar, appointment)
    position = selectors.rar_for_case(walk.case)
    assert (position.ordered, position.credited, position.remaining) == (10, 1, 9)


def test_a_missed_session_credits_nothing(walk, rar):
    walk.session(walk.approved(), days_ago=3, attendance="no", absence_acceptable=False)
    assert not RarCredit.objects.exists()


def test_a_day_is_credited_once_however_many_activities_fill_it(walk, rar, officer):
    day = dt.date.today() - dt.timedelta(days=1)
    assert services.rar_credit(requirement=rar, day=day, activity="Toolkit", by=officer)
    assert services.rar_credit(requirement=rar, day=day, activity="Other", by=officer) is None
    assert RarCredit.objects.count() == 1


def test_no_more_days_are_credited_than_were_ordered(officer):
    rar = RequirementFactory(length=1)
    day = dt.date.today() - dt.timedelta(days=2)
    services.rar_credit(requirement=rar, day=day, activity="One", by=officer)
    later = day + dt.timedelta(days=1)
    assert services.rar_credit(requirement=rar, day=later, activity="Two", by=officer) is None


def test_days_are_credited_only_to_a_rar_requirement_within_its_order(officer):
    unpaid = RequirementFactory(unpaid_work=True)
    with pytest.raises(DomainError, match="RAR"):
        services.rar_credit(requirement=unpaid, day=dt.date.today(), activity="x", by=officer)
    rar = RequirementFactory()
    with pytest.raises(DomainError, match="outside the order"):
        services.rar_credit(
            requirement=rar,
            day=rar.order.start_date - dt.timedelta(days=1),
            activity="x",
            by=officer,
        )


def test_a_case_shows_its_rar_days_at_risk_when_the_order_ends_too_soon(needy_case):
    rar = RequirementFactory(order__case=needy_case, length=30)
    rar.order.expected_end_date = dt.date.today() + dt.timedelta(days=28)
    rar.order.save()
    position = selectors.rar_for_case(needy_case)
    assert position.remaining == 30 and position.at_risk
