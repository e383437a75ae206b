"""The case timeline's registry of event sources: what `cases` registers itself, the
rules of registering, and a source from outside `cases/` (tests/cases/
timeline_test_source.py) shown, filtered and paged on the page like the built-in kinds."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import timeline
from crc.access.models import AccessKind
from crc.access.services import access_log_record
from tests.cases import timeline_test_source
from tests.cases.reviews.helpers import contact
from tests.conftest import sign_in
from tests.factories import PartnerOrganisationFactory

pytestmark = pytest.mark.usefixtures("cases_timeline_sources_only")

BUILT_IN = [
    ("contact", "Contacts"),
    ("outcome", "Absence decisions"),
    ("enforcement", "Enforcement"),
    ("information_request", "Information requests"),
    ("review", "Reviews"),
    ("oversight", "Management oversight"),
    ("escalation", "Escalations"),
    ("significant_change", "Significant changes"),
    ("allocation", "Allocations"),
    ("contact_level", "Contact level"),
]


def nothing(case, *, limit, see_sensitive):
    return []


# --- The registry itself ---------------------------------------------------------------


def test_cases_registers_its_ten_kinds_in_the_order_the_filter_has_always_shown():
    assert timeline.kind_choices() == BUILT_IN


def test_a_kind_registered_twice_is_refused_with_the_reader_already_holding_it():
    with pytest.raises(timeline.TimelineSourceError) as refused:
        timeline.register_source(kind="contact", label="More contacts", reader=nothing)
    message = str(refused.value)
    assert "'contact' is already registered" in message
    assert "cases.contacts.timeline.contacts" in message
    assert "test_timeline_registry.nothing" in message
    assert timeline.kind_choices() == BUILT_IN


@pytest.mark.parametrize("kind", ["", "Contact", "unpaid-work", "1st", "a b", "kind&x=1"])
def test_a_kind_that_cannot_sit_in_a_query_string_is_refused(kind):
    with pytest.raises(timeline.TimelineSourceError, match="lower-case letters"):
        timeline.register_source(kind=kind, label="Bad", reader=nothing)


def test_a_reader_that_cannot_be_called_is_refused():
    with pytest.raises(timeline.TimelineSourceError, match="not callable"):
        timeline.register_source(kind="broken", label="Broken", reader="nothing")
    assert "broken" not in dict(timeline.kind_choices())


def test_removing_a_kind_nobody_registered_is_an_error():
    with pytest.raises(timeline.TimelineSourceError, match="No timeline source"):
        timeline.unregister_source("never_registered")


def test_sources_without_an_order_follow_the_built_in_kinds_in_registration_order():
    with (
        timeline.source_registered(kind="second", label="Second", reader=nothing),
        timeline.source_registered(kind="first_by_order", label="First", reader=nothing, order=5),
        timeline.source_registered(kind="third", label="Third", reader=nothing),
    ):
        kinds = [kind for kind, _label in timeline.kind_choices()]
    assert kinds == ["first_by_order", *dict(BUILT_IN), "second", "third"]
    assert timeline.kind_choices() == BUILT_IN


def test_a_source_registered_for_a_block_is_gone_after_it_even_on_an_error():
    with (
        pytest.raises(RuntimeError),
        timeline.source_registered(kind="passing", label="Passing", reader=nothing),
    ):
        assert "passing" in dict(timeline.kind_choices())
        raise RuntimeError("the test failed")
    assert "passing" not in dict(timeline.kind_choices())


# --- A source from outside cases/ on the page -----------------------------------------

START = dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def disclosures():
    with timeline.source_registered(**timeline_test_source.SOURCE) as source:
        yield source


@pytest.fixture
def police(db):
    return PartnerOrganisationFactory(name="Metropolitan Police")


def disclose(case, police, n, *, first=0):
    for i in range(first, first + n):
        with time_machine.travel(START + dt.timedelta(hours=i), tick=False):
            access_log_record(
                kind=AccessKind.DISCLOSURE,
                page="/api/v1/cases/",
                case=case,
                partner_organisation=police,
                acting_person=f"PC {i}",
                reason=f"Reason number {i}.",
            )


def page_of(client, user, case, query=""):
    sign_in(client, user)
    response = client.get(reverse("cases:timeline", args=[case.crn]) + query)
    assert response.status_code == 200
    return response.content.decode()


def titles(page: str) -> list[str]:
    return re.findall(r'<h2 class="moj-timeline__title">([^<]*)</h2>', page)


@pytest.mark.django_db
def test_a_registered_source_shows_its_events_among_the_others(
    client, case, officer, police, disclosures
):
    disclose(case, police, 2)
    contact(case, when=START + dt.timedelta(minutes=30), summary="Talked about the flat")
    page = page_of(client, officer, case)
    assert titles(page) == [
        "Disclosed to Metropolitan Police",
        "Office visit: Attended and complied",
        "Disclosed to Metropolitan Police",
    ]
    assert page.count('data-kind="disclosure"') == 2
    assert "Reason number 1." in page and "by PC 1" in page


@pytest.mark.django_db
def test_a_registered_source_is_in_the_filter_in_its_order(client, case, officer, disclosures):
    page = page_of(client, officer, case)
    values = re.findall(r'name="kind" type="checkbox" value="([a-z_]+)"', page)
    assert values == [*dict(BUILT_IN)][:6] + ["disclosure"] + [*dict(BUILT_IN)][6:]
    assert timeline_test_source.LABEL in page


@pytest.mark.django_db
def test_the_filter_shows_a_registered_source_alone(client, case, officer, police, disclosures):
    disclose(case, police, 2)
    contact(case, summary="Talked about the flat")
    page = page_of(client, officer, case, "?kind=disclosure")
    assert page.count('data-kind="disclosure"') == 2
    assert "Talked about the flat" not in page
    assert 'value="disclosure" checked' in page
    others = page_of(client, officer, case, "?kind=contact")
    assert "Talked about the flat" in others and "Disclosed to" not in others


@pytest.mark.django_db
def test_a_registered_source_pages_thirty_at_a_time_newest_first(
    client, case, officer, police, disclosures
):
    disclose(case, police, 65)
    first = page_of(client, officer, case, "?kind=disclosure")
    assert first.count('data-kind="disclosure"') == 30
    assert "by PC 64" in first and "by PC 35" in first and "by PC 34" not in first
    assert 'href="?kind=disclosure&amp;page=2"' in first
    third = page_of(client, officer, case, "?kind=disclosure&page=3")
    assert third.count('data-kind="disclosure"') == 5
    assert "by PC 4<" in third and "by PC 0<" in third
    assert "govuk-pagination__next" not in third
    # Unfiltered, the same paging holds across every kind.
    unfiltered = page_of(client, officer, case, "?page=3")
    assert unfiltered.count('data-kind="disclosure"') == 5


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "sees_reason"),
    [("officer", True), ("spo", False), ("colleague", False)],
)
def test_a_registered_source_keeps_its_own_sensitivity_rule(
    client, request, case, police, disclosures, persona, sees_reason
):
    disclose(case, police, 1)
    page = page_of(client, request.getfixturevalue(persona), case)
    assert "Disclosed to Metropolitan Police" in page
    assert ("Reason number 0." in page) is sees_reason


@pytest.mark.django_db
def test_a_source_removed_after_its_test_leaves_the_page_as_it_was(client, case, officer, police):
    disclose(case, police, 1)
    contact(case, summary="Talked about the flat")
    with timeline.source_registered(**timeline_test_source.SOURCE):
        assert "Disclosed to" in page_of(client, officer, case)
    page = page_of(client, officer, case)
    assert "Disclosed to" not in page and 'value="disclosure"' not in page
    # A saved link to a kind no longer registered shows every kind, as any unknown kind.
    assert "Talked about the flat" in page_of(client, officer, case, "?kind=disclosure")


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_a_registered_sources_rows(
    client, case, officer, police, disclosures, django_assert_max_num_queries
):
    sign_in(client, officer)
    url = reverse("cases:timeline", args=[case.crn])
    disclose(case, police, 3)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    disclose(case, police, 60, first=3)
    for i in range(40):
        contact(case, when=timezone.now() - dt.timedelta(hours=i), summary=f"Contact {i}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
    # One query per source read on top of the page's own; eleven sources, 23 today.
    with django_assert_max_num_queries(26):
        client.get(url + "?page=2")
