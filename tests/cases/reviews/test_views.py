"""The Reviews and Timeline tabs and the oversight forms: who may use them, what they
show, and that their query counts do not grow with the rows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import OversightEntry
from cases.planning import information_requests
from cases.reviews import services as reviews_services
from cases.risk import escalations
from tests.cases.reviews.helpers import completed_review, contact, due_review
from tests.conftest import sign_in
from tests.factories import ContactLevelDecisionFactory, OversightEntryFactory
from tests.permissions import persona_matrix

pytestmark = pytest.mark.django_db

NOT_ALLOWED = {"colleague": 404, "qpm": 404, "area_manager": 404, "outsider": 404}


def get(client, user, name, case, *args, query=""):
    sign_in(client, user)
    return client.get(reverse(name, args=[case.crn, *args]) + query)


@persona_matrix({"officer": 200, "spo": 200, **NOT_ALLOWED})
def test_the_officer_and_spo_may_complete_a_review_and_others_get_404(
    client, personas, case, persona, expected
):
    review = due_review(case, timezone.localdate())
    user = personas[persona]
    assert get(client, user, "cases:review_complete", case, review.pk).status_code == expected


@persona_matrix({"officer": 404, **NOT_ALLOWED})
def test_only_the_spo_records_oversight(client, personas, case, persona, expected):
    user = personas[persona]
    assert get(client, user, "cases:oversight_new", case).status_code == expected
    client.post(reverse("cases:oversight_new", args=[case.crn]), {"text": "x"})
    assert not OversightEntry.objects.exists()


def test_the_spo_records_oversight(client, case, spo):
    assert get(client, spo, "cases:oversight_new", case).status_code == 200
    response = client.post(
        reverse("cases:oversight_new", args=[case.crn]), {"text": "Plan agreed in supervision"}
    )
    assert response.status_code == 302
    assert OversightEntry.objects.get().author == spo
    tab = client.get(reverse("cases:reviews", args=[case.crn])).content.decode()
    assert "Plan agreed in supervision" in tab


def test_the_spo_countersigns_a_contact_level_reduction(client, case, officer, spo):
    now = timezone.now()
    ContactLevelDecisionFactory(case=case, period_days=7, status="superseded", requested_at=now)
    reduction = ContactLevelDecisionFactory(
        case=case,
        period_days=14,
        source="officer",
        reason="Stable",
        is_reduction=True,
        requested_at=now,
        requested_by=officer,
    )
    tab = get(client, spo, "cases:reviews", case).content.decode()
    assert "Countersign the contact level reduction" in tab
    url = reverse("cases:countersign", args=[case.crn]) + f"?contact_level_id={reduction.pk}"
    assert client.get(url).status_code == 200
    response = client.post(
        reverse("cases:countersign", args=[case.crn]),
        {"contact_level_id": reduction.pk, "text": "Checked the risk concerns"},
    )
    assert response.status_code == 302
    entry = OversightEntry.objects.get()
    assert (entry.kind, entry.contact_level_id) == ("countersignature", reduction.pk)
    # The officer cannot countersign.
    assert (
        get(
            client, officer, "cases:countersign", case, query=f"?contact_level_id={reduction.pk}"
        ).status_code
        == 404
    )


@persona_matrix(
    {"officer": 200, "colleague": 200, "spo": 200, "area_manager": 200, "outsider": 404}
)
def test_the_tabs_open_only_for_people_who_can_see_the_case(
    client, personas, case, persona, expected
):
    user = personas[persona]
    assert get(client, user, "cases:reviews", case).status_code == expected
    assert get(client, user, "cases:timeline", case).status_code == expected


def test_the_reviews_tab_shows_due_overdue_and_completed(client, case, officer):
    today = timezone.localdate()
    due_review(case, today - dt.timedelta(days=3))
    due_review(case, today + dt.timedelta(days=40), kind="release")
    done = completed_review(case, by=officer, when=timezone.now() - dt.timedelta(days=20))
    done.changes_since_last = {"contacts": {"total": 4, "failures": 1}, "count": 4}
    done.save()
    page = get(client, officer, "cases:reviews", case).content.decode()
    assert "Overdue" in page
    assert "After release" in page
    assert "4 event(s) since the previous review, including 1 failure(s) to comply" in page


def _events(case, officer, n):
    now = timezone.now()
    for i in range(n):
        contact(case, when=now - dt.timedelta(hours=i + 1), summary=f"Contact number {i}")
    for i in range(max(1, n // 10)):
        due_review(case, timezone.localdate() + dt.timedelta(days=n * 100 + i + 1))


def test_the_timeline_shows_every_kind(client, case, officer, spo):
    contact(case, summary="Talked about the new flat")
    reviews_services.significant_change_record(
        case=case,
        category="injury",
        description="Stabbed",
        occurred_on=timezone.localdate(),
        by=officer,
    )
    escalations.escalation_raise(case=case, by=officer, reasons="RoSH high")
    OversightEntryFactory(case=case, text="Seen in supervision", author=spo)
    information_requests.information_request_raise(
        case=case, by=officer, agency="police", question="Call-outs?"
    )
    page = get(client, officer, "cases:timeline", case).content.decode()
    for text in (
        "Talked about the new flat",
        "Significant change: Injury",
        "Review due: After a significant change",
        "Risk of harm escalation",
        "Seen in supervision",
        "Information request sent: Police",
    ):
        assert text in page


def test_the_timeline_filters_by_kind_without_javascript(client, case, officer, spo):
    contact(case, summary="Talked about the new flat")
    OversightEntryFactory(case=case, text="Seen in supervision", author=spo)
    page = get(client, officer, "cases:timeline", case, query="?kind=oversight").content.decode()
    assert "Seen in supervision" in page
    assert "Talked about the new flat" not in page


def test_the_timeline_paginates_thirty_a_page_newest_first(client, case, officer):
    now = timezone.now()
    for i in range(65):
        contact(case, when=now - dt.timedelta(hours=i), summary=f"Contact number {i}.")
    first = get(client, officer, "cases:timeline", case).content.decode()
    assert first.count('data-kind="contact"') == 30
    assert "Contact number 0." in first and "Contact number 30." not in first
    third = client.get(reverse("cases:timeline", args=[case.crn]) + "?page=3").content.decode()
    assert third.count('data-kind="contact"') == 5
    assert "Contact number 64." in third
    second = client.get(reverse("cases:timeline", args=[case.crn]) + "?page=2").content.decode()
    assert "Contact number 30." in second and "Contact number 59." in second


def test_sensitive_contacts_show_only_their_type_to_others(client, case, officer, colleague):
    contact(case, sensitive=True, summary="Disclosed abuse in childhood", contact_type="telephone")
    theirs = get(client, colleague, "cases:timeline", case).content.decode()
    assert "Sensitive contact: Telephone" in theirs
    assert "Disclosed abuse" not in theirs
    mine = get(client, officer, "cases:timeline", case).content.decode()
    assert "Disclosed abuse in childhood" in mine


def assert_query_count_does_not_grow_with_events(client, url, case, officer):
    """The page at `url` reads as many queries with 50 events on the case as with 5
    (measured after a first look at the page, so that nothing warming up is counted)."""
    _events(case, officer, 5)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _events(case, officer, 45)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_timeline_query_count_does_not_grow_with_events(client, case, officer, other_team_case):
    sign_in(client, officer)
    url = reverse("cases:timeline", args=[case.crn])
    assert_query_count_does_not_grow_with_events(client, url, case, officer)


def test_the_review_form_query_count_does_not_grow_with_events(client, case, officer):
    review = due_review(case, timezone.localdate())
    sign_in(client, officer)
    url = reverse("cases:review_complete", args=[case.crn, review.pk])
    assert_query_count_does_not_grow_with_events(client, url, case, officer)
