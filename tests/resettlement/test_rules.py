"""Through the Gate rules: due dates in working days (England and Wales bank holidays),
the pre-release alert thresholds, completeness and the transition tables. No database."""

import datetime as dt

import pytest

from resettlement import rules

D = dt.date


@pytest.mark.parametrize(
    "reception, due",
    [
        (D(2026, 3, 2), D(2026, 3, 9)),  # Monday: the next Monday
        (D(2026, 3, 6), D(2026, 3, 13)),  # Friday: the next Friday
        (D(2026, 3, 7), D(2026, 3, 13)),  # Saturday: weekend days do not count
        # Good Friday 3 April and Easter Monday 6 April 2026 are skipped.
        (D(2026, 4, 1), D(2026, 4, 10)),
        # Christmas Day, Boxing Day (substitute Monday 28th) and New Year's Day.
        (D(2026, 12, 23), D(2027, 1, 4)),
        # Early May bank holiday, Monday 4 May 2026.
        (D(2026, 4, 30), D(2026, 5, 8)),
    ],
)
def test_screening_is_due_five_working_days_after_reception(reception, due):
    assert rules.screening_due(reception) == due


@pytest.mark.parametrize(
    "completed, on_time",
    [(None, False), (D(2026, 3, 9), True), (D(2026, 3, 2), True), (D(2026, 3, 10), False)],
)
def test_a_screening_is_on_time_only_when_completed_by_its_due_date(completed, on_time):
    assert rules.screening_on_time(D(2026, 3, 2), completed) is on_time


@pytest.mark.parametrize(
    "release, due",
    [
        (D(2026, 6, 26), D(2026, 4, 3)),  # falls on Good Friday: a date, not a working day
        (D(2026, 3, 1), D(2025, 12, 7)),
    ],
)
def test_the_pre_release_review_is_due_twelve_weeks_before_release(release, due):
    assert rules.pre_release_review_due(release) == due


@pytest.mark.parametrize(
    "release, latest",
    [
        (D(2026, 3, 4), D(2026, 3, 5)),  # Wednesday: Thursday
        (D(2026, 3, 6), D(2026, 3, 9)),  # Friday: Monday
        (D(2026, 4, 2), D(2026, 4, 7)),  # Thursday before Easter: the Tuesday after
        (D(2026, 12, 24), D(2026, 12, 29)),  # Christmas Eve: after the bank holidays
    ],
)
def test_the_first_appointment_window_is_release_day_or_the_next_working_day(release, latest):
    assert rules.first_appointment_window(release) == (release, latest)


@pytest.mark.parametrize(
    "day, allowed",
    [
        (D(2026, 3, 5), False),  # the day before release
        (D(2026, 3, 6), True),  # release day (Friday)
        (D(2026, 3, 7), False),  # Saturday is not the next working day
        (D(2026, 3, 9), True),  # Monday is
        (D(2026, 3, 10), False),
    ],
)
def test_a_first_appointment_outside_the_window_is_refused(day, allowed):
    assert rules.first_appointment_in_window(D(2026, 3, 6), day) is allowed


TODAY = D(2026, 3, 2)


@pytest.mark.parametrize(
    "days_to_release, contacted, threshold",
    [
        (120, False, None),  # more than 12 weeks away
        (85, False, None),
        (84, False, 12),  # exactly 12 weeks
        (43, False, 12),
        (42, False, 6),  # exactly 6 weeks
        (15, False, 6),
        (14, False, 2),  # exactly 2 weeks
        (0, False, 2),  # release day
        (-1, False, None),  # already past
        (30, True, None),  # contact made: no alert at any threshold
        (5, True, None),
    ],
)
def test_the_pre_release_contact_alert_takes_the_tightest_threshold_crossed(
    days_to_release, contacted, threshold
):
    release = TODAY + dt.timedelta(days=days_to_release)
    got = rules.contact_alert_threshold(
        today=TODAY, release=release, has_pre_release_contact=contacted
    )
    assert got == threshold


@pytest.mark.parametrize(
    "today, release, accommodation, appointment, gaps",
    [
        # Thursday, release Monday: 2 working days away.
        (D(2026, 3, 5), D(2026, 3, 9), False, False, 2),
        (D(2026, 3, 5), D(2026, 3, 9), True, False, 1),
        (D(2026, 3, 5), D(2026, 3, 9), True, True, 0),
        # Thursday, release Tuesday: 3 working days away, no alert yet.
        (D(2026, 3, 5), D(2026, 3, 10), False, False, 0),
        # Thursday 2 April, release Tuesday 7 April: Easter makes it 1 working day.
        (D(2026, 4, 2), D(2026, 4, 7), False, True, 1),
        # Release day itself still counts.
        (D(2026, 3, 5), D(2026, 3, 5), False, True, 1),
        # Already past: nothing to alert about.
        (D(2026, 3, 5), D(2026, 3, 4), False, False, 0),
    ],
)
def test_release_within_two_working_days_lists_what_is_missing(
    today, release, accommodation, appointment, gaps
):
    found = rules.imminent_release_gaps(
        today=today,
        release=release,
        accommodation_confirmed=accommodation,
        first_appointment_booked=appointment,
    )
    assert len(found) == gaps


@pytest.mark.parametrize(
    "to_whom, plan, needing, covered, complete",
    [
        ("Former partner", "Non-contact condition", ["Housing"], ["Housing"], True),
        ("", "Non-contact condition", [], [], False),
        ("Former partner", "  ", [], [], False),
        ("", "", [], [], False),
        ("Former partner", "Non-contact condition", ["Housing"], [], False),
        ("Former partner", "Non-contact condition", [], ["Health"], True),
    ],
)
def test_a_plan_is_never_complete_without_its_risk_of_harm_section(
    to_whom, plan, needing, covered, complete
):
    gaps = rules.plan_gaps(
        risk_to_whom=to_whom,
        risk_plan=plan,
        pathways_needing_support=needing,
        pathways_with_actions=covered,
    )
    assert (gaps == []) is complete


def test_a_screening_needs_every_pathway_answered_and_the_risk_section():
    answered = {p: "support_not_required" for p in ["a", "b"]}
    assert (
        rules.screening_gaps(
            pathway_statuses=answered, pathways=["a", "b"], risk_to_whom="x", risk_plan="y"
        )
        == []
    )
    assert (
        len(
            rules.screening_gaps(
                pathway_statuses={"a": "in_progress"},
                pathways=["a", "b"],
                risk_to_whom="",
                risk_plan="",
            )
        )
        == 4
    )


@pytest.mark.parametrize(
    "table, current, new, allowed",
    [
        (rules.EPISODE_TRANSITIONS, "in_custody", "released", True),
        (rules.EPISODE_TRANSITIONS, "released", "in_custody", False),
        (rules.EPISODE_TRANSITIONS, "closed", "released", False),
        (rules.PATHWAY_TRANSITIONS, "not_started", "support_required", True),
        (rules.PATHWAY_TRANSITIONS, "not_started", "done", False),
        (rules.PATHWAY_TRANSITIONS, "support_required", "done", True),
        (rules.PATHWAY_TRANSITIONS, "support_declined", "support_required", True),
        (rules.ACTION_TRANSITIONS, "not_started", "done", True),
        (rules.ACTION_TRANSITIONS, "cancelled", "in_progress", False),
        (rules.ACTION_TRANSITIONS, "done", "in_progress", True),
    ],
)
def test_status_moves_follow_the_transition_tables(table, current, new, allowed):
    assert rules.can_move(table, current, new) is allowed


def test_every_status_has_a_row_in_its_transition_table():
    from resettlement.models import ActionStatus, EpisodeStatus, PathwayStatus

    assert set(rules.EPISODE_TRANSITIONS) == set(EpisodeStatus.values)
    assert set(rules.PATHWAY_TRANSITIONS) == set(PathwayStatus.values)
    assert set(rules.ACTION_TRANSITIONS) == set(ActionStatus.values)
