"""The contact and enforcement rules, table-driven, without the database."""

import datetime as dt

import pytest

from cases.contacts import rules
from cases.contacts.rules import ContactFact, Decision, PriorDecision

D = dt.date
W, B, R, N = Decision.WARNING, Decision.BREACH, Decision.RECALL, Decision.NO_ACTION


# --- Sch. 10: what the officer may decide -----------------------------------------------


@pytest.mark.parametrize(
    ("order_type", "previous", "failure_on", "options", "required"),
    [
        # A first failure: warning or breach action, the officer's choice.
        ("co", [], D(2026, 11, 26), (W, B, N), ()),
        ("sso", [], D(2026, 11, 26), (W, B, N), ()),
        ("licence", [], D(2026, 11, 26), (W, R, N), ()),
        ("pss", [], D(2026, 11, 26), (W, B, R, N), ()),
        # A further failure within 12 months of a warning must go to breach or recall.
        ("co", [PriorDecision(W, D(2026, 6, 1))], D(2026, 11, 26), (B, N), (B,)),
        ("sso", [PriorDecision(W, D(2025, 11, 27))], D(2026, 11, 26), (B, N), (B,)),
        ("licence", [PriorDecision(W, D(2026, 10, 1))], D(2026, 11, 26), (R, N), (R,)),
        ("pss", [PriorDecision(W, D(2026, 10, 1))], D(2026, 11, 26), (B, R, N), (B, R)),
        # A warning more than 12 months before no longer counts.
        ("co", [PriorDecision(W, D(2025, 11, 25))], D(2026, 11, 26), (W, B, N), ()),
        # "12 months beginning with the date the warning was given" (para 6(4)(c)): a
        # warning of 12 January 2026 counts on 11 January 2027, not on the anniversary.
        ("co", [PriorDecision(W, D(2026, 1, 12))], D(2027, 1, 11), (B, N), (B,)),
        ("co", [PriorDecision(W, D(2026, 1, 12))], D(2027, 1, 12), (W, B, N), ()),
        # The day of the warning itself is inside the period.
        ("co", [PriorDecision(W, D(2026, 1, 12))], D(2026, 1, 12), (B, N), (B,)),
        # Only warnings count: earlier breach or no-action decisions leave the choice open.
        ("co", [PriorDecision(B, D(2026, 9, 1))], D(2026, 11, 26), (W, B, N), ()),
        ("co", [PriorDecision(N, D(2026, 9, 1))], D(2026, 11, 26), (W, B, N), ()),
        # A warning given after this failure (decided late) does not count against it.
        ("co", [PriorDecision(W, D(2026, 11, 27))], D(2026, 11, 26), (W, B, N), ()),
        # Leap years: a warning of 28 February 2027 runs to 27 February 2028, so it no
        # longer counts on the 29th; one of 29 February 2028 runs to 28 February 2029
        # (February 2029 has no 29th, so the period ends on the month's last day).
        ("co", [PriorDecision(W, D(2027, 2, 28))], D(2028, 2, 27), (B, N), (B,)),
        ("co", [PriorDecision(W, D(2027, 2, 28))], D(2028, 2, 29), (W, B, N), ()),
        ("co", [PriorDecision(W, D(2028, 2, 29))], D(2029, 2, 28), (B, N), (B,)),
        ("co", [PriorDecision(W, D(2028, 2, 29))], D(2029, 3, 1), (W, B, N), ()),
        # A warning on the 31st: the period ends on the 30th of the month, a year on.
        ("co", [PriorDecision(W, D(2026, 3, 31))], D(2027, 3, 30), (B, N), (B,)),
        ("co", [PriorDecision(W, D(2026, 3, 31))], D(2027, 3, 31), (W, B, N), ()),
    ],
)
def test_enforcement_options_follow_the_schedule_10_sequence(
    order_type, previous, failure_on, options, required
):
    result = rules.enforcement_options(
        order_type=order_type, failure_on=failure_on, previous=previous
    )
    assert result.options == options
    assert result.required == required
    assert result.breach_required is bool(required)
    assert (W in result.options) is not bool(required)


def test_it_names_the_warning_that_makes_breach_required():
    result = rules.enforcement_options(
        order_type="co",
        failure_on=D(2026, 11, 26),
        previous=[PriorDecision(W, D(2026, 3, 2)), PriorDecision(W, D(2026, 8, 14))],
    )
    assert result.warning_on == D(2026, 8, 14)
    assert "14 August 2026" in result.explanation


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 11, 26), 12, D(2025, 11, 26)),
        (D(2028, 2, 29), 12, D(2027, 2, 28)),
        (D(2026, 3, 31), 1, D(2026, 2, 28)),
        (D(2026, 1, 15), 1, D(2025, 12, 15)),
    ],
)
def test_months_before(day, months, expected):
    assert rules.months_before(day, months) == expected


@pytest.mark.parametrize(
    ("start", "months", "last_day"),
    [
        (D(2026, 1, 12), 12, D(2027, 1, 11)),
        (D(2028, 2, 29), 12, D(2029, 2, 28)),
        (D(2027, 2, 28), 12, D(2028, 2, 27)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2026, 12, 1), 1, D(2026, 12, 31)),
        (D(2026, 3, 1), 12, D(2027, 2, 28)),
    ],
)
def test_a_period_of_months_ends_the_day_before_the_corresponding_date(start, months, last_day):
    assert rules.period_last_day(start, months) == last_day


# --- The compliance panel ---------------------------------------------------------------


TODAY = D(2026, 11, 26)


@pytest.mark.parametrize(
    ("failures", "breach", "count", "colour"),
    [
        ([], False, 0, "green"),
        ([D(2026, 10, 1)], False, 1, "grey"),
        ([D(2026, 10, 1), D(2026, 11, 2)], False, 2, "red"),
        ([D(2026, 10, 1), D(2026, 11, 2), D(2026, 11, 20)], True, 3, "red"),
        # Older than 12 months drops off; exactly 12 months ago is outside the window.
        ([D(2025, 11, 26), D(2025, 1, 1)], False, 0, "green"),
        ([D(2025, 11, 27)], False, 1, "grey"),
        # A date after today (bad data) is not counted.
        ([D(2026, 11, 27)], False, 0, "green"),
    ],
)
def test_compliance_panel_counts_failures_in_the_last_12_months(failures, breach, count, colour):
    panel = rules.compliance_panel(failure_dates=failures, today=TODAY, breach_in_progress=breach)
    assert panel.failures == count
    assert panel.colour == colour
    assert panel.breach_in_progress is breach


def test_compliance_panel_text():
    assert rules.CompliancePanel(0, False).text == "No failures to comply in the last 12 months"
    assert rules.CompliancePanel(1, False).text == "1 failure to comply in the last 12 months"
    assert rules.CompliancePanel(3, True).text == "3 failures to comply in the last 12 months"


# --- Grid compliance --------------------------------------------------------------------


def f2f(day):
    return ContactFact(on=day, with_person=True, face_to_face=True)


def phone(day):
    return ContactFact(on=day, with_person=True, face_to_face=False)


def third_party(day):
    return ContactFact(on=day, with_person=False, face_to_face=False)


def test_grid_periods_are_consecutive_windows_ending_today():
    assert rules.grid_periods(period_days=7, today=TODAY, count=3) == [
        (D(2026, 11, 20), D(2026, 11, 26)),
        (D(2026, 11, 13), D(2026, 11, 19)),
        (D(2026, 11, 6), D(2026, 11, 12)),
    ]


@pytest.mark.parametrize(
    ("level", "facts", "expected"),
    [
        # Weekly, face to face: met, then short by one, then met.
        (
            (1, 7, 1),
            [f2f(D(2026, 11, 24)), f2f(D(2026, 11, 8))],
            [("Met", True), ("Short by 1", False), ("Met", True)],
        ),
        # A phone call does not meet a face-to-face minimum.
        (
            (1, 7, 1),
            [phone(D(2026, 11, 24))],
            [("Face to face short by 1", False), ("Short by 1", False), ("Short by 1", False)],
        ),
        # Third-party contact (and absences, which selectors mark the same) does not count.
        ((1, 14, 1), [third_party(D(2026, 11, 25))], [("Short by 1", False)] * 3),
        # Twice a week with one face to face: two calls are short on face to face only.
        (
            (2, 7, 1),
            [phone(D(2026, 11, 21)), phone(D(2026, 11, 25)), f2f(D(2026, 11, 14))],
            [
                ("Face to face short by 1", False),
                ("Short by 1", False),
                ("Short by 2", False),
            ],
        ),
        # One call against two face to face: both shortfalls are named.
        (
            (2, 7, 2),
            [phone(D(2026, 11, 25))],
            [("Short by 1, face to face short by 2", False)] + [("Short by 2", False)] * 2,
        ),
        # The window boundaries are inclusive: day 1 and day 7 of each period count.
        (
            (1, 7, 1),
            [f2f(D(2026, 11, 20)), f2f(D(2026, 11, 19)), f2f(D(2026, 11, 6))],
            [("Met", True)] * 3,
        ),
    ],
)
def test_grid_compliance_per_period(level, facts, expected):
    contacts, period_days, face_to_face = level
    periods = rules.grid_compliance(
        contacts=contacts,
        period_days=period_days,
        face_to_face=face_to_face,
        facts=facts,
        today=TODAY,
    )
    assert [(p.text, p.met) for p in periods] == expected
    assert [p.is_current for p in periods] == [True, False, False]


def test_periods_before_supervision_began_are_not_judged():
    periods = rules.grid_compliance(
        contacts=1, period_days=7, face_to_face=1, facts=[], today=TODAY, since=D(2026, 11, 17)
    )
    # The current window is wholly inside supervision; the one before started before it
    # (partial, not judged); the one before that ended before it began (left out).
    assert [(p.partial, p.met) for p in periods] == [(False, False), (True, True)]
    assert rules.grid_status(periods) == rules.GridStatus(False, 1, 1)


@pytest.mark.parametrize(
    ("periods", "text"),
    [
        ([], None),
        ([rules.PeriodCompliance(TODAY, TODAY, 1, 1, 1, 1, True)], "Met"),
        ([rules.PeriodCompliance(TODAY, TODAY, 0, 0, 2, 1, True)], "Short by 2"),
        ([rules.PeriodCompliance(TODAY, TODAY, 0, 0, 1, 1, True, partial=True)], "Met"),
    ],
)
def test_grid_status_for_the_caseload(periods, text):
    status = rules.grid_status(periods)
    assert (status.text if status else None) == text


# --- Due dates in working days ------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (D(2026, 11, 26), 2, D(2026, 11, 30)),  # Thursday -> Monday, over the weekend
        (D(2026, 11, 27), 2, D(2026, 12, 1)),  # Friday -> Tuesday
        (D(2026, 12, 23), 2, D(2026, 12, 29)),  # Christmas Day, Boxing Day (Monday 28th)
        (D(2026, 12, 24), 2, D(2026, 12, 30)),
        (D(2027, 3, 25), 2, D(2027, 3, 31)),  # Good Friday and Easter Monday 2027
        (D(2027, 3, 26), 2, D(2027, 3, 31)),
    ],
)
def test_acceptability_decision_due(start, days, expected):
    assert rules.acceptability_due(start, days) == expected


@pytest.mark.parametrize(
    ("kind", "decided_on", "expected"),
    [
        (W, D(2026, 11, 26), D(2026, 11, 30)),
        (W, D(2026, 12, 24), D(2026, 12, 30)),
        (W, D(2027, 3, 25), D(2027, 3, 31)),
        (B, D(2026, 11, 26), D(2026, 12, 10)),
        (B, D(2026, 12, 24), D(2027, 1, 12)),  # Christmas, Boxing Day and New Year
        (R, D(2027, 3, 25), D(2027, 4, 12)),  # Easter
        (N, D(2026, 11, 26), None),
    ],
)
def test_letter_and_pack_due_dates(kind, decided_on, expected):
    assert rules.letter_or_pack_due(kind, decided_on) == expected


def test_due_dates_follow_the_policy_numbers_given():
    assert rules.letter_or_pack_due(W, D(2026, 11, 26), warning_days=5) == D(2026, 12, 3)
    assert rules.letter_or_pack_due(B, D(2026, 11, 26), pack_days=1) == D(2026, 11, 27)
