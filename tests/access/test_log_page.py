"""The access-log page and its CSV export: administrators only, filtered, bounded."""

import csv
import datetime as dt
import io
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from crc.access.models import AccessKind, AccessLog
from crc.access.services import access_log_record
from tests.conftest import sign_in
from tests.factories import PartnerOrganisationFactory, StaffFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.access.urls")]

LONDON = timezone.get_default_timezone()
NOT_ADMINISTRATORS = [
    "officer",
    "colleague",
    "other_officer",
    "pso",
    "spo",
    "area_manager",
    "qpm",
    "service_centre",
]


def log_at(when: dt.datetime, **kwargs) -> AccessLog:
    """A row written at a given moment (the column is auto_now_add and rows are final)."""
    kwargs.setdefault("kind", AccessKind.VIEW)
    kwargs.setdefault("page", "cases:detail")
    with time_machine.travel(when, tick=False):
        return access_log_record(**kwargs)


def london(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


def shown_reasons(response) -> set[str]:
    # Jinja2 pages give the test client no context, so rows are read from the HTML.
    return set(re.findall(r"reason-[a-z0-9-]+", response.content.decode()))


def body_rows(response) -> int:
    return response.content.decode().count('<tr class="govuk-table__row">') - 1


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(body)))


def test_administrator_sees_the_log_newest_first(client, administrator, officer, case):
    log_at(london(2026, 3, 1, 9), staff=officer, case=case, reason="reason-older")
    log_at(london(2026, 3, 2, 9), staff=officer, case=case, reason="reason-newer")
    sign_in(client, administrator)
    response = client.get(reverse("access:log"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Access log</h1>' in html
    assert html.index("reason-newer") < html.index("reason-older")
    assert case.crn in html


@pytest.mark.parametrize("persona", NOT_ADMINISTRATORS)
def test_everyone_else_gets_404_for_the_page_and_the_export(client, request, persona):
    sign_in(client, request.getfixturevalue(persona))
    assert client.get(reverse("access:log")).status_code == 404
    assert client.get(reverse("access:log_csv")).status_code == 404
    assert not AccessLog.objects.filter(kind=AccessKind.EXPORT).exists()


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("access:log"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_it_filters_by_user_case_kind_and_dates(
    client, administrator, officer, colleague, case, other_team_case
):
    log_at(london(2026, 3, 1, 23, 30), staff=officer, case=case, reason="reason-late-1st")
    log_at(london(2026, 3, 2, 0, 30), staff=officer, case=case, reason="reason-early-2nd")
    log_at(london(2026, 3, 2, 10), staff=colleague, case=case, reason="reason-colleague")
    log_at(
        london(2026, 3, 3, 10),
        staff=officer,
        case=other_team_case,
        kind=AccessKind.DENIED,
        reason="reason-denied",
    )
    sign_in(client, administrator)

    def reasons(**params) -> set[str]:
        response = client.get(reverse("access:log"), params)
        assert response.status_code == 200
        return shown_reasons(response)

    assert reasons(user="OFFICER") == {"reason-late-1st", "reason-early-2nd", "reason-denied"}
    assert reasons(case="b123456") == {"reason-denied"}
    assert reasons(kind="denied") == {"reason-denied"}
    # London days: 00:30 on the 2nd is the 2nd, 23:30 on the 1st is not.
    assert reasons(**{"date_from_day": "2", "date_from_month": "3", "date_from_year": "2026"}) == {
        "reason-early-2nd",
        "reason-colleague",
        "reason-denied",
    }
    assert reasons(
        **{
            "date_from_day": "1",
            "date_from_month": "3",
            "date_from_year": "2026",
            "date_to_day": "2",
            "date_to_month": "3",
            "date_to_year": "2026",
            "user": "officer",
        }
    ) == {"reason-late-1st", "reason-early-2nd"}


def test_a_summer_day_is_a_london_day(client, administrator, officer, case):
    # 23:30 UTC on 1 July is 00:30 on 2 July in London (BST).
    log_at(
        dt.datetime(2026, 7, 1, 23, 30, tzinfo=dt.UTC),
        staff=officer,
        case=case,
        reason="reason-summer",
    )
    sign_in(client, administrator)
    on_the_2nd = {"date_from_day": "2", "date_from_month": "7", "date_from_year": "2026"}
    on_the_2nd |= {"date_to_day": "2", "date_to_month": "7", "date_to_year": "2026"}
    response = client.get(reverse("access:log"), on_the_2nd)
    assert shown_reasons(response) == {"reason-summer"}
    on_the_1st = {"date_to_day": "1", "date_to_month": "7", "date_to_year": "2026"}
    assert shown_reasons(client.get(reverse("access:log"), on_the_1st)) == set()


@pytest.mark.parametrize(
    "params, message",
    [
        ({"date_from_day": "31", "date_from_month": "2", "date_from_year": "2026"}, "real date"),
        ({"date_to_day": "xx", "date_to_month": "1", "date_to_year": "2026"}, "real date"),
        (
            {
                "date_from_day": "5",
                "date_from_month": "3",
                "date_from_year": "2026",
                "date_to_day": "4",
                "date_to_month": "3",
                "date_to_year": "2026",
            },
            "same as or after",
        ),
        ({"case": "12345"}, "one letter and six digits"),
        ({"kind": "everything"}, "Select a kind of access"),
    ],
)
def test_bad_filters_get_an_error_summary_and_no_rows(
    client, administrator, officer, case, params, message
):
    log_at(london(2026, 3, 1, 9), staff=officer, case=case, reason="reason-hidden")
    sign_in(client, administrator)
    response = client.get(reverse("access:log"), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "There is a problem" in html
    assert message in html
    assert "reason-hidden" not in html
    assert "govuk-table" not in html
    assert "<title>Error: Access log" in html


def test_a_bad_date_is_shown_again_as_typed(client, administrator):
    sign_in(client, administrator)
    response = client.get(
        reverse("access:log"),
        {"date_from_day": "31", "date_from_month": "2", "date_from_year": "2026"},
    )
    html = response.content.decode()
    assert 'name="date_from_day" type="text" value="31"' in html
    assert 'href="#date_from-day"' in html


def test_it_pages_fifty_rows_at_a_time_and_keeps_the_filters(client, administrator, officer, case):
    AccessLog.objects.bulk_create(
        AccessLog(kind=AccessKind.VIEW, page="p", staff=officer, username="officer")
        for _ in range(120)
    )
    sign_in(client, administrator)
    first = client.get(reverse("access:log"), {"user": "officer"})
    assert body_rows(first) == 50
    assert "(page 1 of 3)" in first.content.decode()
    assert "?user=officer&amp;page=2" in first.content.decode()
    last = client.get(reverse("access:log"), {"user": "officer", "page": "3"})
    assert body_rows(last) == 20


def test_its_query_count_does_not_grow_with_the_rows(
    client, administrator, officer, case, get_twice_as_rows_grow
):
    partner = PartnerOrganisationFactory()

    def add(count: int) -> None:
        for n in range(count):
            if n % 2:
                access_log_record(kind=AccessKind.VIEW, page="p", staff=officer, case=case)
            else:
                access_log_record(
                    kind=AccessKind.DISCLOSURE,
                    page="api",
                    partner_organisation=partner,
                    acting_person="DC Smith",
                    case=case,
                )

    sign_in(client, administrator)
    add(10)
    response = get_twice_as_rows_grow(client, reverse("access:log"), lambda: add(50), ceiling=10)
    assert body_rows(response) == 50
    assert partner.name in response.content.decode()


def test_the_export_streams_the_filtered_rows_as_csv(client, administrator, officer, case):
    log_at(london(2026, 3, 1, 9), staff=officer, case=case, reason="wanted", method="GET")
    log_at(london(2026, 3, 1, 10), staff=officer, case=case, kind=AccessKind.CHANGE)
    sign_in(client, administrator)
    response = client.get(reverse("access:log_csv"), {"kind": "view", "user": "officer"})
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="access-log-')
    header, *rows = read_csv(response)
    assert header[0] == "At (Europe/London)"
    assert len(rows) == 1
    assert rows[0][0] == "2026-03-01T09:00:00+00:00"
    assert rows[0][1:3] == ["Viewed", "officer"]
    assert rows[0][6] == case.crn
    assert rows[0][-1] == "wanted"


def test_the_export_defuses_spreadsheet_formulas(client, administrator, case):
    sly = StaffFactory(username="=cmd|' /C calc'!A0", team=None)
    access_log_record(
        kind=AccessKind.VIEW,
        page="+page",
        staff=sly,
        case=case,
        reason='=HYPERLINK("http://evil.example","click")',
        acting_person="@SUM(1)",
        relationship="-1+1",
    )
    sign_in(client, administrator)
    rows = read_csv(client.get(reverse("access:log_csv"), {"case": case.crn}))[1:]
    # The export's own row names the CRN it filtered on, so it is in the file too.
    assert [row[1] for row in rows] == ["Exported", "Viewed"]
    row = rows[1]
    assert row[2] == "'=cmd|' /C calc'!A0"
    assert row[5] == "'@SUM(1)"
    assert row[8] == "'+page"
    assert row[10] == "'-1+1"
    assert row[11] == '\'=HYPERLINK("http://evil.example","click")'
    # Ordinary values are left exactly as they are.
    assert row[6] == case.crn


def test_the_export_is_itself_logged_with_its_filter(client, administrator, officer, case):
    log_at(london(2026, 3, 1, 9), staff=officer, case=case)
    sign_in(client, administrator)
    response = client.get(
        reverse("access:log_csv"),
        {"case": case.crn, "date_from_day": "1", "date_from_month": "3", "date_from_year": "2026"},
    )
    read_csv(response)
    export = AccessLog.objects.get(kind=AccessKind.EXPORT)
    assert export.staff == administrator
    assert export.username == "admin"
    assert export.page == "access:log_csv"
    assert export.method == "GET"
    assert export.case_crn == case.crn
    assert "case=A123456" in export.reason
    assert "date_from=2026-03-01" in export.reason


def test_an_unfiltered_export_says_so(client, administrator):
    sign_in(client, administrator)
    rows = read_csv(client.get(reverse("access:log_csv")))
    export = AccessLog.objects.get(kind=AccessKind.EXPORT)
    assert "no filters" in export.reason
    # The export's own row is in the log it exports.
    assert [row[1] for row in rows[1:]] == ["Exported"]


def test_an_export_with_bad_filters_shows_the_errors_and_logs_nothing(client, administrator):
    sign_in(client, administrator)
    response = client.get(
        reverse("access:log_csv"),
        {"date_from_day": "40", "date_from_month": "1", "date_from_year": "2026"},
    )
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert not AccessLog.objects.filter(kind=AccessKind.EXPORT).exists()
