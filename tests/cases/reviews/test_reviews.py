"""Completing a review: what changed since the last one is shown and stored, a stale
save is refused with the newer version shown, a review copied from the last one needs a
reason, and the next periodic review is scheduled once."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import OversightEntry, Review, ReviewStatus
from cases.reviews import services
from cases.reviews import services as reviews_services
from cases.risk import escalations
from cases.risk import services as risk_services
from crc.domain import DomainError, StaleVersionError
from tests.cases.reviews.helpers import completed_review, contact, due_review
from tests.conftest import sign_in
from tests.factories import OrderFactory, PartnerOrganisationFactory

pytestmark = pytest.mark.django_db

SECTIONS = {
    "compliance_and_engagement": "Missed one appointment; warning issued.",
    "desistance_progress": "Lost his job in February.",
    "risk_of_harm_change": "Risk to partner increased after the arrest.",
    "persons_involvement": "Reviewed with him in the office.",
    "other_agencies": "Police confirmed the call-out.",
}


@pytest.fixture
def history(case, officer):
    """A completed review six weeks ago, then things happen."""
    OrderFactory(case=case)
    last = completed_review(case, by=officer, when=timezone.now() - dt.timedelta(weeks=6))
    contact(case, outcome="unacceptable_absence", when=timezone.now() - dt.timedelta(days=10))
    contact(case, outcome="complied", when=timezone.now() - dt.timedelta(days=3))
    change = reviews_services.significant_change_record(
        case=case,
        category="arrest",
        description="Arrested after a domestic incident",
        occurred_on=timezone.localdate() - dt.timedelta(days=2),
        partner_organisation=PartnerOrganisationFactory(name="Met Police"),
        reported_by="DC Jones",
    )
    risk_services.risk_record(case=case, by=officer, rosh_overall="high")
    return last, change


def form_data(review, **overrides):
    return {"version": review.version, **SECTIONS, "reapply_grid": "", **overrides}


def test_a_review_shows_what_changed_since_the_last_one(client, case, officer, history):
    _, change = history
    review = change.review
    sign_in(client, officer)
    response = client.get(reverse("cases:review_complete", args=[case.crn, review.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    for shown in [
        "What changed since the last review",
        "2 contact(s) recorded",
        "1 failure(s) to comply",
        "Arrested after a domestic incident",
        "reported by Met Police",
        "RoSH changed from not recorded to high",
    ]:
        assert shown in page, shown


def test_completing_stores_the_changes_and_covers_the_significant_change(
    client, case, officer, history
):
    _, change = history
    periodic = due_review(case, timezone.localdate() + dt.timedelta(days=30))
    sign_in(client, officer)
    response = client.post(
        reverse("cases:review_complete", args=[case.crn, periodic.pk]), form_data(periodic)
    )
    assert response.status_code == 302
    periodic.refresh_from_db()
    assert periodic.status == ReviewStatus.COMPLETE
    assert periodic.version == 2
    assert periodic.changes_since_last["contacts"]["failures"] == 1
    assert periodic.changes_since_last["significant_changes"][0]["partner"] == "Met Police"
    change.refresh_from_db()
    assert change.review_id == periodic.pk
    # The review the change triggered is answered by this one.
    assert Review.objects.get(source_key=f"significant-change:{change.pk}").status == "cancelled"
    # The next periodic review, 16 weeks on, once.
    next_one = Review.objects.get(case=case, status=ReviewStatus.DUE)
    assert next_one.source_key == f"periodic:{case.pk}:{next_one.due_on.isoformat()}"
    assert (next_one.due_on - timezone.localdate()).days >= 16 * 7
    services.review_schedule_periodic(case=case, anchor=timezone.localdate())
    assert Review.objects.filter(case=case, status=ReviewStatus.DUE).count() == 1


def test_the_significant_change_a_review_covers_keeps_a_history_row(case, officer, history):
    _, change = history
    periodic = due_review(case, timezone.localdate() + dt.timedelta(days=30))
    services.review_complete(
        review=periodic,
        by=officer,
        version=periodic.version,
        sections=SECTIONS,
        reapply_grid=False,
    )
    latest = change.history.first()
    assert latest.review_id == periodic.pk
    assert latest.history_user == officer


def test_a_stale_save_is_refused_and_the_newer_version_shown(client, case, officer, spo, history):
    _, change = history
    review = change.review
    opened_at = review.version
    services.review_complete(
        review=review,
        by=spo,
        version=opened_at,
        sections={**SECTIONS, "compliance_and_engagement": "The SPO's own review text"},
        reapply_grid=False,
    )
    sign_in(client, officer)
    response = client.post(
        reverse("cases:review_complete", args=[case.crn, review.pk]),
        form_data(review, version=opened_at),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this review (version 2)" in page
    assert "The newer version (version 2)" in page
    assert "The SPO&#39;s own review text" in page
    review.refresh_from_db()
    assert review.compliance_and_engagement == "The SPO's own review text"
    assert review.completed_by == spo


def test_the_service_refuses_a_stale_version(case, officer, history):
    review = history[1].review
    with pytest.raises(StaleVersionError):
        services.review_complete(
            review=review, by=officer, version=7, sections=SECTIONS, reapply_grid=False
        )


def test_a_review_that_repeats_the_last_one_needs_a_reason(client, case, officer, history):
    last, change = history
    review = change.review
    sign_in(client, officer)
    url = reverse("cases:review_complete", args=[case.crn, review.pk])
    copied = form_data(review, risk_of_harm_change=last.risk_of_harm_change)
    response = client.post(url, copied)
    page = response.content.decode()
    assert response.status_code == 200
    assert "word for word the same as the last review" in page
    assert "Nothing changed in this area despite the events above, because…" in page
    review.refresh_from_db()
    assert review.status == ReviewStatus.DUE

    response = client.post(
        url,
        {
            **copied,
            "risk_of_harm_change_unchanged": "on",
            "risk_of_harm_change_reason": "The arrest was of his brother; no risk to partner",
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.COMPLETE
    assert "because: The arrest was of his brother" in review.risk_of_harm_change


def test_the_service_refuses_a_copied_section_without_a_reason(case, officer, history):
    last, change = history
    with pytest.raises(DomainError) as refused:
        services.review_complete(
            review=change.review,
            by=officer,
            version=1,
            sections={**SECTIONS, "desistance_progress": last.desistance_progress},
            reapply_grid=False,
        )
    assert refused.value.field == "desistance_progress_reason"


def test_re_applying_the_grid_sets_the_contact_level(case, officer, history):
    review = history[1].review
    services.review_complete(
        review=review, by=officer, version=1, sections=SECTIONS, reapply_grid=True
    )
    review.refresh_from_db()
    assert review.grid_reapplied
    assert case.contact_levels.filter(status="active").exists()


def test_triggered_review_helpers_create_one_review_per_cause(case, officer):
    order = OrderFactory(case=case, release_date=timezone.localdate())
    first = services.review_trigger_release(order=order)
    again = services.review_trigger_release(order=order)
    assert first.pk == again.pk
    assert first.kind == "release"
    # Due within the significant-change deadline, on a working day.
    assert first.due_on > timezone.localdate()


def test_oversight_and_countersignatures(case, officer, spo):
    escalation = escalations.escalation_raise(case=case, by=officer, reasons="RoSH high")
    services.oversight_record(case=case, by=spo, text="Plan reviewed in supervision")
    services.oversight_countersign(
        case=case, by=spo, text="Referral is right", escalation=escalation
    )
    with pytest.raises(DomainError):
        services.oversight_countersign(case=case, by=spo, text="Again", escalation=escalation)
    assert list(OversightEntry.objects.values_list("kind", flat=True).order_by("kind")) == [
        "countersignature",
        "note",
    ]
