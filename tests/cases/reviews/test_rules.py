"""Review due dates and the repeated-review check: pure rules, no database."""

import datetime as dt

import pytest

from cases.reviews import rules


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        # 16 weeks on is a Wednesday: due that day.
        (dt.date(2026, 1, 7), dt.date(2026, 4, 29)),
        # 16 weeks on is Saturday 3 January 2026: due Monday 5 January.
        (dt.date(2025, 9, 13), dt.date(2026, 1, 5)),
        # 16 weeks on is Christmas Day 2026 (Friday); Boxing Day's substitute holiday
        # is Monday 28 December: due Tuesday 29 December.
        (dt.date(2026, 9, 4), dt.date(2026, 12, 29)),
        # 16 weeks on is Good Friday 2026 (3 April); Easter Monday follows: due Tuesday 7.
        (dt.date(2025, 12, 12), dt.date(2026, 4, 7)),
    ],
)
def test_a_periodic_review_falls_on_the_next_working_day(anchor, expected):
    assert rules.periodic_due(anchor, 16) == expected


def test_the_interval_is_a_parameter():
    assert rules.periodic_due(dt.date(2026, 1, 7), 8) == dt.date(2026, 3, 4)


@pytest.mark.parametrize(
    ("due", "state"),
    [
        (dt.date(2026, 3, 9), "overdue"),
        (dt.date(2026, 3, 10), "due_soon"),
        (dt.date(2026, 3, 17), "due_soon"),
        (dt.date(2026, 3, 18), "due"),
    ],
)
def test_review_state(due, state):
    assert rules.review_state(due, dt.date(2026, 3, 10)) == state


def test_area_managers_hear_of_reviews_two_weeks_overdue():
    today = dt.date(2026, 3, 20)
    assert not rules.overdue_for_area_manager(dt.date(2026, 3, 7), today)
    assert rules.overdue_for_area_manager(dt.date(2026, 3, 6), today)


def test_a_section_copied_from_the_last_review_is_caught_only_when_things_changed():
    previous = {"compliance_and_engagement": "Attends well.", "desistance_progress": "Working."}
    current = {
        "compliance_and_engagement": "  attends   well. ",
        "desistance_progress": "Lost job.",
    }
    assert rules.repeated_sections(previous, current, changes_exist=True) == [
        "compliance_and_engagement"
    ]
    assert rules.repeated_sections(previous, current, changes_exist=False) == []


def test_grid_shortfall_counts_contacts_and_face_to_face():
    assert rules.grid_shortfall(
        contacts=1, face_to_face=1, minimum_contacts=2, minimum_face_to_face=1
    )
    assert rules.grid_shortfall(
        contacts=2, face_to_face=0, minimum_contacts=2, minimum_face_to_face=1
    )
    assert not rules.grid_shortfall(
        contacts=2, face_to_face=1, minimum_contacts=2, minimum_face_to_face=1
    )
