"""The forms that create a case and change the person, their orders and requirements:
what a good submission changes, and that bad input changes nothing."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from cases.models import Case
from cases.record import services as record_services
from crc.access.models import AccessLog
from tests.cases.helpers import (
    ERROR_SUMMARY,
    assert_error_page,
    date_data,
    order_data,
    post_refused,
    sign_in,
    snapshot,
)
from tests.factories import OrderFactory

pytestmark = pytest.mark.django_db


# --- Creating a case -----------------------------------------------------------------------


def create_data(team, **overrides) -> dict:
    today = dt.date.today()
    return {
        "crn": "c765432",
        "first_name": "Dana",
        "last_name": "Okafor",
        **date_data("date_of_birth", dt.date(1992, 4, 3)),
        "sex": "female",
        "team": str(team.pk),
        "order_type": "co",
        "court": "Highbury Corner Magistrates' Court",
        **date_data("sentence_date", today - dt.timedelta(days=7)),
        **date_data("start_date", today - dt.timedelta(days=7)),
        **date_data("expected_end_date", today + dt.timedelta(days=358)),
        "index_offence": "Theft from a shop",
        "requirement_type": "rar",
        "requirement_length": "20",
        **overrides,
    }


@pytest.mark.parametrize("persona", ["service_centre", "administrator"])
def test_the_service_centre_and_administrators_create_a_case_with_its_first_order(
    client, request, team_a, persona
):
    user = request.getfixturevalue(persona)
    sign_in(client, user)

    response = client.post(reverse("cases:create"), create_data(team_a))

    case = Case.objects.get(crn="C765432")
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:overview", args=[case.crn])
    assert case.team == team_a and case.responsible_officer is None
    order = case.orders.get()
    assert order.order_type == "co"
    assert [r.requirement_type for r in order.requirements.all()] == ["rar"]
    assert case.history.earliest().history_user == user
    assert order.history.get().history_user == user
    logged = AccessLog.objects.filter(case_crn="C765432", staff=user, page="cases:create")
    assert [row.kind for row in logged] == ["change"]
    # The creator lands on the new case (an administrator's reason is already stated).
    overview = client.get(response["Location"])
    assert overview.status_code == 200
    assert "Case C765432 created" in overview.content.decode()


@pytest.mark.parametrize("persona", ["officer", "spo", "area_manager", "qpm"])
def test_other_roles_cannot_create_cases(client, request, team_a, persona):
    sign_in(client, request.getfixturevalue(persona))

    assert client.get(reverse("cases:create")).status_code == 404
    assert client.post(reverse("cases:create"), create_data(team_a)).status_code == 404
    assert not Case.objects.filter(crn="C765432").exists()


def test_a_refused_order_leaves_no_half_created_case(client, service_centre, team_a, monkeypatch):
    from crc.domain import DomainError

    def refuse(**kwargs):
        raise DomainError("The court is closed", field="court")

    monkeypatch.setattr(record_services, "order_add", refuse)
    sign_in(client, service_centre)
    post_refused(client, reverse("cases:create"), create_data(team_a), "The court is closed")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"crn": "12345"}, "one capital letter and six digits"),
        ({"date_of_birth_month": "13"}, "Date of birth must be a real date"),
        ({"order_type": "licence"}, "Enter the release date for a licence or PSS"),
        ({"requirement_type": "unpaid_work", "requirement_length": "500"}, "from 40 to 300"),
        ({"expected_end_date_year": "2001"}, "The expected end date must be after the start date"),
    ],
)
def test_case_create_shows_errors_and_creates_nothing(
    client, service_centre, team_a, overrides, message
):
    sign_in(client, service_centre)
    post_refused(client, reverse("cases:create"), create_data(team_a, **overrides), message)


def test_case_create_refuses_a_duplicate_crn_on_the_crn_field(client, service_centre, case):
    sign_in(client, service_centre)

    response = client.post(reverse("cases:create"), create_data(case.team, crn=case.crn))

    html = assert_error_page(response, "A case with this CRN already exists")
    assert 'href="#id_crn"' in html


# --- Personal details, orders and requirements ---------------------------------------------


@pytest.mark.parametrize("persona", ["officer", "service_centre", "administrator"])
def test_personal_details_are_saved_and_attributed(client, request, case, persona):
    user = request.getfixturevalue(persona)
    sign_in(client, user, reason_for=case)
    url = reverse("cases:person_edit", args=[case.crn])
    form_page = client.get(url).content.decode()
    assert f'value="{case.first_name}"' in form_page

    response = client.post(
        url,
        {
            "first_name": "Jo",
            "last_name": "Bloggs",
            **date_data("date_of_birth", dt.date(1985, 1, 30)),
            "sex": "male",
            "gender_identity": "same",
            "ethnicity": "W1",
            "disability": "yes",
            "disability_details": "Hearing loss",
            "interpreter_required": "on",
            "postcode": "n1  9ab",
            "accommodation_status": "settled",
            "employment_status": "employed",
            "email": "jo@example.com",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("cases:overview", args=[case.crn])
    case.refresh_from_db()
    assert (case.first_name, case.last_name) == ("Jo", "Bloggs")
    assert case.date_of_birth == dt.date(1985, 1, 30)
    assert case.disability is True and case.interpreter_required is True
    assert case.postcode == "N1 9AB"
    assert case.history.latest().history_user == user


def test_disability_not_known_is_stored_as_unknown(client, officer, case):
    case.disability = True
    case.save()
    sign_in(client, officer)

    client.post(
        reverse("cases:person_edit", args=[case.crn]),
        {
            "first_name": case.first_name,
            "last_name": case.last_name,
            **date_data("date_of_birth", case.date_of_birth),
            "sex": case.sex,
            "disability": "unknown",
        },
    )

    case.refresh_from_db()
    assert case.disability is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"date_of_birth_day": "31", "date_of_birth_month": "2"},
            "Date of birth must be a real date",
        ),
        ({"first_name": ""}, "Enter the first name"),
        ({"email": "not-an-email"}, "Enter an email address in the correct format"),
        ({"disability": ""}, "Select yes, no or not known for disability"),
    ],
)
def test_bad_personal_details_change_nothing(client, officer, case, data, message):
    sign_in(client, officer)
    name = case.first_name
    before = snapshot()
    payload = {
        "first_name": "Changed",
        "last_name": case.last_name,
        **date_data("date_of_birth", case.date_of_birth),
        "sex": "male",
        "disability": "no",
        **data,
    }

    response = client.post(reverse("cases:person_edit", args=[case.crn]), payload)

    html = assert_error_page(response, message)
    assert snapshot() == before
    case.refresh_from_db()
    assert case.first_name == name
    # The identity bar still shows the stored name, not the rejected input.
    assert name in html


def add_order(client, case, order_type: str, offence: str, **days_from_today: int):
    """Post the add-an-order form for `case`, each date (sentenced, starts, ends, released)
    given as a number of days from today."""
    today = dt.date.today()
    dates = {name: today + dt.timedelta(days=days) for name, days in days_from_today.items()}
    data = order_data(order_type, offence, **dates)
    return client.post(reverse("cases:order_add", args=[case.crn]), data)


def test_an_order_is_added_and_the_tier_follows(client, officer, case):
    sign_in(client, officer)
    today = dt.date.today()

    response = add_order(
        client, case, "licence", "Robbery", sentenced=-400, starts=-5, ends=200, released=-5
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("cases:sentence", args=[case.crn])
    order = case.orders.get()
    assert order.order_type == "licence" and order.release_date == today - dt.timedelta(days=5)
    assert order.history.get().history_user == officer


def test_a_release_date_on_a_community_order_is_refused(client, officer, case):
    sign_in(client, officer)

    response = add_order(client, case, "co", "Theft", sentenced=0, starts=0, ends=30, released=0)

    assert_error_page(response, "Leave the release date empty")
    assert not case.orders.exists()


def test_a_requirement_is_added_to_the_cases_order(client, officer, supervised_case):
    order = supervised_case.orders.get()
    sign_in(client, officer)

    response = client.post(
        reverse("cases:requirement_add", args=[supervised_case.crn, order.pk]),
        {"requirement_type": "unpaid_work", "length": "120", "details": "Group placement"},
    )

    assert response.status_code == 302
    requirement = order.requirements.get(requirement_type="unpaid_work")
    assert requirement.length == 120
    assert requirement.history.get().history_user == officer


def test_a_requirement_on_another_cases_order_is_404(client, officer, case, other_team_case):
    other_order = OrderFactory(case=other_team_case)
    sign_in(client, officer)
    before = snapshot()

    response = client.post(
        reverse("cases:requirement_add", args=[case.crn, other_order.pk]),
        {"requirement_type": "curfew", "length": "3"},
    )

    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize(
    ("order", "requirement", "message"),
    [
        (
            {"order_type": "licence", "release_date": dt.date.today()},
            {"requirement_type": "curfew", "length": "3"},
            "have conditions, not requirements",
        ),
        (
            {"order_type": "co"},
            {"requirement_type": "unpaid_work", "length": "20"},
            "Enter the unpaid work hours, from 40 to 300",
        ),
    ],
    ids=["on-a-licence", "unpaid-work-hours-out-of-range"],
)
def test_a_requirement_the_service_refuses_is_shown_and_nothing_saved(
    client, officer, case, order, requirement, message
):
    order = OrderFactory(case=case, **order)
    sign_in(client, officer)
    url = reverse("cases:requirement_add", args=[case.crn, order.pk])
    post_refused(client, url, requirement, message)


def test_the_error_summary_follows_the_order_of_the_page(client, service_centre, team_a):
    sign_in(client, service_centre)

    response = client.post(
        reverse("cases:create"),
        create_data(team_a, order_type="licence", index_offence="", crn="bad"),
    )

    html = assert_error_page(response)
    summary = html[html.index(ERROR_SUMMARY) : html.index("</ul>", html.index(ERROR_SUMMARY))]
    hrefs = re.findall(r'href="#([^"]+)"', summary)
    assert hrefs == ["id_crn", "release_date-day", "id_index_offence", "id_requirement_type"]
    # Each link lands on an input of the page.
    for anchor in hrefs:
        assert f'id="{anchor}"' in html
