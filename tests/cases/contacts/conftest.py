"""Fixtures for the contact tests: the officer's case with an order and a contact level."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.models import AttendanceOutcome
from tests.factories import ContactFactory, ContactLevelDecisionFactory, OrderFactory


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def make_contact(case, *, days_ago=1, outcome=AttendanceOutcome.ATTENDED_COMPLIED, **fields):
    fields.setdefault("contact_type", "office")
    fields.setdefault("summary", "Engaged well.")
    return ContactFactory(
        case=case,
        happened_at=at(timezone.localdate() - dt.timedelta(days=days_ago)),
        outcome=outcome,
        **fields,
    )


@pytest.fixture
def supervised(case):
    """The officer's case on a community order started 200 days ago, seen weekly."""
    OrderFactory(
        case=case,
        order_type="co",
        start_date=timezone.localdate() - dt.timedelta(days=200),
        sentence_date=timezone.localdate() - dt.timedelta(days=200),
    )
    ContactLevelDecisionFactory(case=case, period_days=7, reason="Set by the Grid")
    return case
