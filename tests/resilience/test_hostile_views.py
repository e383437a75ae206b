"""Dates at the edges through the pages themselves: a clear error, nothing saved, never
a server error (a due date worked out from 31 December 9999 used to overflow)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Appointment, Contact
from tests.cases.contacts.test_views import contact_data
from tests.conftest import sign_in
from tests.factories import ContactLevelDecisionFactory, OrderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervised(case):
    """The officer's case on a community order started 200 days ago, seen weekly."""
    started = timezone.localdate() - dt.timedelta(days=200)
    OrderFactory(case=case, order_type="co", start_date=started, sentence_date=started)
    ContactLevelDecisionFactory(case=case, period_days=7, reason="Set by the Grid")
    return case


@pytest.mark.parametrize(
    "day, month, year", [("1", "1", "0001"), ("31", "12", "9999"), ("1", "1", "1899")]
)
def test_a_contact_dated_at_the_edge_of_the_calendar_is_refused_clearly(
    client,
    officer,
    supervised,
    day,
    month,
    year,
):
    sign_in(client, officer)
    response = client.post(
        reverse("cases:contact_new", args=[supervised.crn]),
        contact_data(date_day=day, date_month=month, date_year=year),
    )
    assert response.status_code == 200
    assert "Enter a date between 1900 and 2199" in response.content.decode()
    assert not Contact.objects.exists()


@pytest.mark.parametrize("year", ["0001", "9999"])
def test_an_appointment_at_the_edge_of_the_calendar_is_refused_clearly(
    client,
    officer,
    supervised,
    year,
):
    sign_in(client, officer)
    response = client.post(
        reverse("cases:appointment_new", args=[supervised.crn]),
        {
            "contact_type": "office",
            "date_day": "31",
            "date_month": "12",
            "date_year": year,
            "time": "10:00",
            "location": "Islington office",
        },
    )
    assert response.status_code == 200
    assert "Enter a date between 1900 and 2199" in response.content.decode()
    assert not Appointment.objects.exists()
