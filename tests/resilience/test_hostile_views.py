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


def appointment_data(**date):
    """An office appointment at 10:00 on the date given (date_day, date_month, date_year)."""
    return {"contact_type": "office", **date, "time": "10:00", "location": "Islington office"}


# Each form: the page it is posted to, its answers, and what it would save.
FORMS = {
    "contact": ("cases:contact_new", contact_data, Contact),
    "appointment": ("cases:appointment_new", appointment_data, Appointment),
}


@pytest.mark.parametrize(
    ("form", "day", "month", "year"),
    [
        ("contact", "1", "1", "0001"),
        ("contact", "31", "12", "9999"),
        ("contact", "1", "1", "1899"),
        ("appointment", "31", "12", "0001"),
        ("appointment", "31", "12", "9999"),
    ],
)
def test_a_date_at_the_edge_of_the_calendar_is_refused_clearly(
    client, officer, supervised, form, day, month, year
):
    url_name, answers, model = FORMS[form]
    sign_in(client, officer)
    response = client.post(
        reverse(url_name, args=[supervised.crn]),
        answers(date_day=day, date_month=month, date_year=year),
    )
    assert response.status_code == 200
    assert "Enter a date between 1900 and 2199" in response.content.decode()
    assert not model.objects.exists()
