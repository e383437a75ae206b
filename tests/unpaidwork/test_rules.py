"""unpaidwork.rules without a database: hours, deadlines, caps, the s.37 credit, the
at-risk projection and allocation suitability, with the edges of each."""

import datetime as dt

import pytest

from unpaidwork import rules
from unpaidwork.rules import SessionRecord

DAY = dt.date(2026, 5, 5)
NINE, FOUR = dt.time(9, 0), dt.time(16, 0)  # 7 hours


def worked(hours_each: int = 7, n: int = 1, outcome: str = rules.COMPLIED, **extra):
    end = dt.time(9 + hours_each, 0)
    return [SessionRecord(on=DAY, outcome=outcome, started_at=NINE, ended_at=end, **extra)] * n


@pytest.mark.parametrize(
    "hours, error",
    [
        (None, "Enter the hours ordered"),
        (39, "between 40 and 300"),
        (40, None),
        (300, None),
        (301, "between 40 and 300"),
        (0, "between 40 and 300"),
    ],
)
def test_hours_ordered_must_be_between_40_and_300(hours, error):
    result = rules.hours_error(hours)
    assert result == error if error is None else error in result


@pytest.mark.parametrize(
    "start, extensions, expected",
    [
        (dt.date(2026, 3, 14), [], dt.date(2027, 3, 14)),
        # A leap day start falls back to the 28th in a common year.
        (dt.date(2028, 2, 29), [], dt.date(2029, 2, 28)),
        # ...and a start a year before a leap day lands on the 28th, not the 29th.
        (dt.date(2027, 2, 28), [], dt.date(2028, 2, 28)),
        (dt.date(2026, 1, 31), [1], dt.date(2027, 2, 28)),
        (dt.date(2027, 1, 31), [1], dt.date(2028, 2, 29)),
        (dt.date(2026, 3, 14), [3, 2], dt.date(2027, 8, 14)),
        (dt.date(2026, 12, 1), [], dt.date(2027, 12, 1)),
    ],
)
def test_the_deadline_is_12_months_from_the_start_plus_extensions(start, extensions, expected):
    assert rules.deadline(start, extensions) == expected


@pytest.mark.parametrize(
    "months, reason, error",
    [(0, "Illness", "at least one month"), (1, "  ", "Say why"), (1, "Illness", None)],
)
def test_an_extension_needs_a_month_or_more_and_a_reason(months, reason, error):
    result = rules.extension_error(months, reason)
    assert (result is None) if error is None else error in result


@pytest.mark.parametrize("minutes, credited", [(0, 0), (179, 179), (180, 180), (181, 180)])
def test_travel_credit_is_capped_at_180_minutes_per_adjustment(minutes, credited):
    assert rules.travel_credit(minutes) == credited


def test_travel_cap_applies_to_each_adjustment_not_the_total():
    records = worked(n=2, travel_minutes=200)
    assert rules.progress(100, records, s37=False).travel_minutes == 360


@pytest.mark.parametrize(
    "hours, ete_minutes, credited",
    [
        (100, 1799, 1799),  # just under 30%
        (100, 1800, 1800),  # exactly 30%
        (100, 1801, 1800),  # over: capped
        (40, 5000, 720),
    ],
)
def test_ete_counts_for_at_most_30_percent_of_the_hours(hours, ete_minutes, credited):
    records = [SessionRecord(on=DAY, outcome=rules.COMPLIED, ete_minutes=ete_minutes)]
    assert rules.progress(hours, records, s37=False).ete_minutes == credited


@pytest.mark.parametrize(
    "outcome, start, end, penalty, minutes",
    [
        (rules.COMPLIED, NINE, FOUR, 0, 420),
        (rules.COMPLIED, NINE, FOUR, 30, 390),
        (rules.COMPLIED, NINE, dt.time(9, 20), 30, 0),  # never below nothing
        (rules.SENT_HOME, NINE, dt.time(11, 0), 0, 120),
        (rules.FAILED_TO_COMPLY, NINE, dt.time(12, 0), 0, 180),
        (rules.ACCEPTABLE_ABSENCE, None, None, 0, 0),
        (rules.UNACCEPTABLE_ABSENCE, None, None, 0, 0),
        (rules.STOOD_DOWN, NINE, FOUR, 0, 0),
        (rules.COMPLIED, None, None, 0, 0),
    ],
)
def test_hours_credited_are_the_time_worked_less_penalty_minutes(
    outcome, start, end, penalty, minutes
):
    record = SessionRecord(DAY, outcome, start, end, penalty_minutes=penalty)
    assert rules.worked_minutes(record) == minutes


# --- The s.37 early-completion credit -----------------------------------------------------
# 100 hours ordered: 25 hours is the threshold; the credit is at most 25 hours.


@pytest.mark.parametrize(
    "done_hours, credit_minutes",
    [
        (0, 0),
        (24, 0),
        (25, 0),  # exactly 25%: nothing yet
        (26, 30),  # each further hour takes off half an hour
        (35, 300),
        (75, 1500),  # 50 hours beyond: 25 hours off, the maximum
        (76, 1500),  # capped at 25% of the order
    ],
)
def test_the_s37_credit_is_half_of_each_hour_beyond_25_percent_up_to_25_percent(
    done_hours, credit_minutes
):
    assert rules.s37_credit(6000, done_hours * 60, disqualified=False) == credit_minutes


def test_one_unacceptable_absence_disqualifies_the_credit():
    records = [*worked(n=6), SessionRecord(DAY, rules.UNACCEPTABLE_ABSENCE)]
    progress = rules.progress(100, records, s37=True)
    assert progress.s37_disqualified
    assert progress.s37_minutes == 0
    assert progress.remaining_minutes == 6000 - 42 * 60


def test_being_sent_home_disqualifies_the_credit():
    records = [*worked(n=6), *worked(hours_each=2, outcome=rules.SENT_HOME)]
    assert rules.progress(100, records, s37=True).s37_minutes == 0


@pytest.mark.parametrize(
    "outcome", [rules.ACCEPTABLE_ABSENCE, rules.STOOD_DOWN, rules.FAILED_TO_COMPLY]
)
def test_other_outcomes_keep_the_credit(outcome):
    records = [*worked(n=5), SessionRecord(DAY, outcome)]  # 35 hours done
    assert rules.progress(100, records, s37=True).s37_minutes == 300


def test_the_credit_is_off_when_the_section_does_not_apply():
    progress = rules.progress(100, worked(n=5), s37=False)
    assert progress.s37_minutes == 0
    assert progress.remaining_minutes == 65 * 60


@pytest.mark.parametrize(
    "start, enabled, applies",
    [
        (dt.date(2026, 3, 31), True, False),
        (dt.date(2026, 4, 1), True, True),  # made on the commencement date
        (dt.date(2026, 9, 1), True, True),
        (dt.date(2026, 9, 1), False, False),
    ],
)
def test_s37_applies_to_orders_made_on_or_after_commencement_when_enabled(start, enabled, applies):
    assert rules.s37_applies(start, enabled=enabled, commencement=dt.date(2026, 4, 1)) is applies


def test_an_order_completes_early_with_the_full_credit():
    progress = rules.progress(100, worked(hours_each=5, n=15), s37=True)  # 75 hours worked
    assert progress.s37_minutes == 1500
    assert progress.remaining_minutes == 0
    assert progress.complete


def test_the_credit_never_takes_remaining_below_zero():
    progress = rules.progress(40, worked(n=6), s37=True)  # 42 of 40 hours
    assert progress.s37_minutes == 0
    assert progress.remaining_minutes == 0


# --- Projection and at-risk --------------------------------------------------------------


@pytest.mark.parametrize(
    "remaining, expected",
    [(0, DAY), (1, DAY + dt.timedelta(weeks=1)), (420, DAY + dt.timedelta(weeks=1)),
     (421, DAY + dt.timedelta(weeks=2)), (4200, DAY + dt.timedelta(weeks=10))],
)  # fmt: skip
def test_projected_completion_at_one_seven_hour_session_a_week(remaining, expected):
    assert rules.projected_completion(remaining, DAY) == expected


@pytest.mark.parametrize(
    "remaining, weeks_left, risk",
    [
        (0, 0, False),  # done is never at risk
        (4200, 10, False),  # exactly the sessions left
        (4201, 10, True),
        (420, 0, True),  # deadline passed with hours left
        (4200, 9, True),
    ],
)
def test_an_order_is_at_risk_when_hours_left_outrun_the_sessions_possible(
    remaining, weeks_left, risk
):
    deadline = DAY + dt.timedelta(weeks=weeks_left)
    assert rules.at_risk(remaining, DAY, deadline) is risk


def test_more_sessions_a_week_take_an_order_out_of_risk():
    deadline = DAY + dt.timedelta(weeks=5)
    assert rules.at_risk(4200, DAY, deadline, sessions_per_week=1)
    assert not rules.at_risk(4200, DAY, deadline, sessions_per_week=2)


# --- Allocation ---------------------------------------------------------------------------

TUESDAY = dt.date(2026, 5, 5)
SESSION = (TUESDAY, dt.time(9, 0), dt.time(16, 30))


def person(**overrides):
    return rules.PersonForAllocation(**{"case_id": 1, "sex": "male", **overrides})


def project(**overrides):
    base = {
        "women_only": False,
        "near_children": False,
        "near_vulnerable_adults": False,
        "sessions": [SESSION],
    }
    return rules.ProjectForAllocation(**{**base, **overrides})


@pytest.mark.parametrize(
    "who, where, reason",
    [
        (person(), project(), None),
        (person(no_work_near_children=True), project(near_children=True), "near children"),
        (person(no_work_near_children=True), project(near_vulnerable_adults=True), None),
        (
            person(no_work_near_vulnerable_adults=True),
            project(near_vulnerable_adults=True),
            "vulnerable adults",
        ),
        (person(sex="male"), project(women_only=True), "women only"),
        (person(sex="not_known"), project(women_only=True), "women only"),
        (person(sex="female"), project(women_only=True), None),
        (
            person(childcare=[(1, dt.time(15, 0), dt.time(15, 30))]),
            project(),
            "childcare (Tuesday 09:00–16:30)",
        ),
        # Touching is not clashing: the school run ends as the session starts.
        (person(childcare=[(1, dt.time(8, 0), dt.time(9, 0))]), project(), None),
        (person(childcare=[(2, dt.time(9, 0), dt.time(15, 0))]), project(), None),
        (person(employment=[(1, dt.time(6, 0), dt.time(10, 0))]), project(), "paid work"),
        (person(tensions=frozenset({7})), project(people_placed=frozenset({7, 8})), "tension"),
        (person(tensions=frozenset({7})), project(people_placed=frozenset({8})), None),
        (person(), project(active=False), "closed"),
    ],
)
def test_allocation_is_refused_with_the_reason_when_the_project_does_not_fit(who, where, reason):
    refusals = rules.allocation_refusals(who, where)
    if reason is None:
        assert refusals == []
    else:
        assert any(reason in r for r in refusals), refusals


def test_every_reason_is_given_not_only_the_first():
    refusals = rules.allocation_refusals(
        person(no_work_near_children=True, childcare=[(1, dt.time(9, 0), dt.time(15, 0))]),
        project(near_children=True, women_only=True),
    )
    assert len(refusals) == 3


def test_stored_windows_are_parsed():
    assert rules.parse_windows([[0, "08:30", "15:30"]]) == [(0, dt.time(8, 30), dt.time(15, 30))]
