"""The record and risk wings' pure rules, without a database."""

import datetime as dt

import pytest

from cases.record import rules as record_rules
from cases.risk import rules as risk_rules


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 1, 15), 1, dt.date(2026, 2, 15)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),
        (dt.date(2028, 2, 29), 12, dt.date(2029, 2, 28)),
        (dt.date(2026, 8, 31), 1, dt.date(2026, 9, 30)),
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
        (dt.date(2026, 12, 31), 1, dt.date(2027, 1, 31)),
        (dt.date(2026, 3, 31), -1, dt.date(2026, 2, 28)),
        (dt.date(2026, 5, 10), 0, dt.date(2026, 5, 10)),
        (dt.date(2026, 6, 30), 24, dt.date(2028, 6, 30)),
    ],
)
def test_add_months_keeps_the_day_or_ends_at_the_month_end(day, months, expected):
    assert risk_rules.add_months(day, months) == expected


@pytest.mark.parametrize(
    ("from_status", "to_status", "allowed"),
    [
        ("raised", "referred", True),
        ("raised", "closed", True),
        ("raised", "accepted", False),
        ("referred", "accepted", True),
        ("referred", "declined", True),
        ("referred", "closed", False),
        ("accepted", "closed", True),
        ("declined", "closed", True),
        ("declined", "referred", False),
        ("closed", "raised", False),
        ("closed", "referred", False),
    ],
)
def test_escalations_move_only_along_the_transition_table(from_status, to_status, allowed):
    assert risk_rules.escalation_may_become(from_status, to_status) is allowed


@pytest.mark.parametrize(
    ("requirement_type", "length", "problem"),
    [
        ("unpaid_work", 40, None),
        ("unpaid_work", 300, None),
        ("unpaid_work", 39, "Enter the unpaid work hours, from 40 to 300"),
        ("unpaid_work", 301, "Enter the unpaid work hours, from 40 to 300"),
        ("unpaid_work", None, "Enter the unpaid work hours, from 40 to 300"),
        ("rar", 20, None),
        ("rar", None, "Enter the number of RAR days"),
        ("curfew", None, None),
        ("curfew", 6, None),
    ],
)
def test_requirement_lengths_follow_the_order_rules(requirement_type, length, problem):
    assert record_rules.requirement_length_problem(requirement_type, length) == problem
