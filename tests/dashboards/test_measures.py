"""Each supervision figure equals a direct count of the cases behind it, within the
scope the caller passes, in a number of queries that does not grow with the cases."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases import measures
from cases.contacts.selectors import grid_compliance_for_cases
from cases.measures.figures import decision_overdue_before
from cases.models import Case
from crc.access.policy import visible_cases
from tests.dashboards.scenario import NOW, TODAY, seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def seeded(frozen, team_a, team_b, officer, other_officer):
    return {"a": seed(team_a, officer), "b": seed(team_b, other_officer)}


def _oracle(case: Case) -> set[str]:
    """What a reader checking the case by hand would count it under."""
    now = timezone.now()
    keys = set()
    due = [r for r in case.reviews.all() if r.status == "due"]
    if any(r.due_on < TODAY for r in due):
        keys.add("reviews_overdue")
    if any(TODAY <= r.due_on <= TODAY + dt.timedelta(days=7) for r in due):
        keys.add("reviews_due")
    if any(a.status == "booked" and a.starts_at < now for a in case.appointments.all()):
        keys.add("appointments_awaiting_outcome")
    cutoff = decision_overdue_before(TODAY, 2)
    for contact in case.contacts.all():
        if (
            contact.outcome == "absence_to_decide"
            and contact.acceptability_decided_at is None
            and contact.acceptability_due_on < TODAY
        ):
            keys.add("enforcement_decisions_overdue")
        if (
            contact.outcome in {"failed_to_comply", "unacceptable_absence"}
            and not hasattr(contact, "enforcement")
            and timezone.localtime(contact.happened_at).date() < cutoff
        ):
            keys.add("enforcement_decisions_overdue")
    if any(
        t.status == "open" and t.kind in {"warning_letter", "breach_pack"} and t.due_date < TODAY
        for t in case.service_centre_tasks.all()
    ):
        keys.add("enforcement_actions_overdue")
    if any(e.status != "closed" for e in case.escalations.all()):
        keys.add("open_escalations")
    if any(
        c.review is None or c.review.status != "complete" for c in case.significant_changes.all()
    ):
        keys.add("unreviewed_significant_changes")
    if any(r.status in {"sent", "chased", "escalated"} for r in case.information_requests.all()):
        keys.add("information_requests_outstanding")
    since = timezone.make_aware(dt.datetime.combine(TODAY, dt.time.min)) - dt.timedelta(weeks=12)
    if case.created_at < since and not case.oversight_entries.filter(created_at__gte=since):
        keys.add("without_oversight")
    if not case.ethnicity:
        keys.add("missing_ethnicity")
    if not Case.objects.filter(pk=case.pk, assessment__status="complete").exists():
        keys.add("missing_assessment")
    if not Case.objects.filter(pk=case.pk, sentence_plan__isnull=False).exists():
        keys.add("missing_plan")
    if any(r.ended_on is None and r.next_review_date < TODAY for r in case.registrations.all()):
        keys.add("registration_reviews_overdue")
    return keys


FIGURE_KEYS = [*measures.SUPERVISION_FIGURES, *measures.DATA_QUALITY_FIGURES]


def test_each_figure_equals_a_direct_count_of_the_cases_behind_it(seeded):
    counts = measures.figure_counts(Case.objects.all(), today=TODAY)
    by_hand = {c.pk: _oracle(c) for c in Case.objects.filter(status="active")}
    for key in FIGURE_KEYS:
        expected = {pk for pk, keys in by_hand.items() if key in keys}
        behind = measures.cases_behind(key, Case.objects.all(), today=TODAY)
        assert set(behind.values_list("pk", flat=True)) == expected, key
        assert counts[key] == len(expected), key
        assert expected, f"the scenario seeds at least one case for {key}"


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("reviews_overdue", "review_overdue"),
        ("reviews_due", "review_due"),
        ("appointments_awaiting_outcome", "appointment_past"),
        ("enforcement_actions_overdue", "letter_overdue"),
        ("open_escalations", "escalation_open"),
        ("unreviewed_significant_changes", "change_unreviewed"),
        ("information_requests_outstanding", "request_open"),
        ("registration_reviews_overdue", "registration_overdue"),
        ("without_oversight", "old_without_oversight"),
    ],
)
def test_a_figure_counts_the_case_seeded_for_it_and_not_its_near_miss(seeded, key, label):
    behind = set(measures.cases_behind(key, Case.objects.all(), today=TODAY))
    assert set(seeded["a"][label]) <= behind
    near_misses = {
        "reviews_overdue": ["review_done", "review_due", "terminated"],
        "reviews_due": ["review_later"],
        "appointments_awaiting_outcome": ["appointment_future"],
        "enforcement_actions_overdue": ["referral_overdue"],
        "open_escalations": ["escalation_closed"],
        "unreviewed_significant_changes": ["change_reviewed"],
        "information_requests_outstanding": ["request_answered"],
        "registration_reviews_overdue": ["registration_ended"],
        "without_oversight": ["old_with_oversight", "review_due"],
    }[key]
    for miss in near_misses:
        assert not set(seeded["a"][miss]) & behind, miss


def test_enforcement_decisions_are_overdue_for_old_undecided_failures_and_absences(seeded):
    behind = set(
        measures.cases_behind("enforcement_decisions_overdue", Case.objects.all(), today=TODAY)
    )
    a = seeded["a"]
    assert {*a["absence_undecided"], *a["failure_undecided"]} <= behind
    assert not {*a["failure_decided"], *a["failure_recent"]} & behind


def test_figures_leave_out_cases_outside_the_callers_scope(seeded, spo):
    in_scope = visible_cases(spo, Case.objects.all())
    counts = measures.figure_counts(in_scope, today=TODAY)
    everyone = measures.figure_counts(Case.objects.all(), today=TODAY)
    assert counts["reviews_overdue"] == len(seeded["a"]["review_overdue"])
    assert everyone["reviews_overdue"] == 2 * counts["reviews_overdue"]
    behind = measures.cases_behind("reviews_overdue", in_scope, today=TODAY)
    assert set(behind) == set(seeded["a"]["review_overdue"])


def test_grid_compliance_agrees_with_the_caseload_grid_column(seeded):
    with_level = Case.objects.filter(contact_levels__status="active", status="active")
    per_case = grid_compliance_for_cases(list(with_level.values_list("pk", flat=True)), TODAY)
    short = {pk for pk, status in per_case.items() if status is not None and not status.met}
    figures = measures.grid_compliance(Case.objects.all(), today=TODAY)
    behind = set(
        measures.cases_behind("grid_short", Case.objects.all(), today=TODAY).values_list(
            "pk", flat=True
        )
    )
    assert behind == short
    assert figures == {"with_level": len(per_case), "short": len(short)}
    a = seeded["a"]
    assert {*a["grid_none"], *a["grid_phone_only"], *a["grid_absent"]} <= {
        Case.objects.get(pk=pk) for pk in short
    }
    assert not {*a["grid_met"], *a["grid_started_in_period"], *a["grid_weekly_twice"]} & {
        Case.objects.get(pk=pk) for pk in short
    }


def test_data_quality_by_team_adds_up_to_the_figures(seeded, team_a, team_b):
    rows = {
        row["team_id"]: row
        for row in measures.data_quality_by_team(Case.objects.all(), today=TODAY)
    }
    counts = measures.figure_counts(Case.objects.all(), today=TODAY)
    for key in measures.DATA_QUALITY_FIGURES:
        assert rows[team_a.pk][key] + rows[team_b.pk][key] == counts[key]
        team_a_cases = measures.cases_behind(key, Case.objects.filter(team=team_a), today=TODAY)
        assert rows[team_a.pk][key] == team_a_cases.count()


def test_caseload_per_officer_and_tier_counts_active_cases(seeded, officer):
    rows = measures.caseload_by_officer_and_tier(Case.objects.all())
    mine = sum(r["cases"] for r in rows if r["responsible_officer_id"] == officer.pk)
    assert mine == Case.objects.filter(responsible_officer=officer, status="active").count()


def test_monthly_trends_cover_twelve_months_ending_this_month(seeded):
    trends = measures.monthly_trends(Case.objects.all(), today=TODAY)
    assert trends["months"][0] == dt.date(2025, 4, 1)
    assert trends["months"][-1] == dt.date(2026, 3, 1)
    assert all(len(trends[key]) == 12 for key in measures.TRENDS)
    assert (
        trends["reviews_completed"][-1] == Case.objects.filter(reviews__status="complete").count()
    )
    assert (
        sum(trends["orders_started"])
        == Case.objects.filter(orders__start_date__gte=dt.date(2025, 4, 1)).count()
    )


def _all_figure_queries(cases) -> int:
    measures.register_dashboard_sections()
    from crc.dashboards.registry import section

    supervision = section("supervision")
    with CaptureQueriesContext(connection) as captured:
        supervision.figures(cases, today=TODAY)
        supervision.tables(cases, today=TODAY)
        supervision.trends(cases, today=TODAY)
    return len(captured)


def test_the_query_count_does_not_grow_with_the_number_of_cases(
    frozen, team_a, officer, django_assert_max_num_queries
):
    seed(team_a, officer)
    few = _all_figure_queries(Case.objects.all())
    seed(team_a, officer, copies=3)
    with django_assert_max_num_queries(few):
        _all_figure_queries(Case.objects.all())
    assert few <= 20
