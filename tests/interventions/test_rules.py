"""The pure rules: the transition table, the concluding rules (DOMAIN.md §7),
eligibility, RAR days and the deadlines the jobs watch. No database."""

import datetime as dt

import pytest

from crc.domain import DomainError
from interventions import rules
from interventions.rules import Event
from interventions.rules import ReferralStatus as S

# --- Transitions ---------------------------------------------------------------------------

LEGAL = [
    (S.SENT, Event.ASSIGN, S.ASSIGNED),
    (S.ASSIGNED, Event.ASSIGN, S.ASSIGNED),
    (S.PLAN_APPROVED, Event.ASSIGN, S.PLAN_APPROVED),
    (S.ASSIGNED, Event.BOOK_ASSESSMENT, S.ASSESSMENT_BOOKED),
    (S.ASSESSMENT_BOOKED, Event.BOOK_ASSESSMENT, S.ASSESSMENT_BOOKED),
    (S.ASSESSMENT_BOOKED, Event.SUBMIT_PLAN, S.PLAN_SUBMITTED),
    (S.PLAN_SUBMITTED, Event.SUBMIT_PLAN, S.PLAN_SUBMITTED),
    (S.PLAN_APPROVED, Event.SUBMIT_PLAN, S.PLAN_SUBMITTED),
    (S.PLAN_SUBMITTED, Event.APPROVE_PLAN, S.PLAN_APPROVED),
    (S.PLAN_APPROVED, Event.RECORD_SESSION, S.PLAN_APPROVED),
    (S.PLAN_APPROVED, Event.SUBMIT_END_REPORT, S.END_REPORTED),
    (S.WITHDRAWN, Event.SUBMIT_END_REPORT, S.END_REPORTED),
    (S.SENT, Event.WITHDRAW, S.WITHDRAWN),
    (S.PLAN_SUBMITTED, Event.WITHDRAW, S.WITHDRAWN),
    (S.PLAN_APPROVED, Event.WITHDRAW, S.WITHDRAWN),
    (S.WITHDRAWN, Event.CANCEL, S.CANCELLED),
    (S.END_REPORTED, Event.COMPLETE, S.COMPLETED),
    (S.END_REPORTED, Event.END_EARLY, S.ENDED_EARLY),
]

ILLEGAL = [
    (S.SENT, Event.BOOK_ASSESSMENT),
    (S.SENT, Event.SUBMIT_PLAN),
    (S.ASSIGNED, Event.SUBMIT_PLAN),
    (S.ASSESSMENT_BOOKED, Event.APPROVE_PLAN),
    (S.PLAN_APPROVED, Event.APPROVE_PLAN),
    (S.PLAN_SUBMITTED, Event.RECORD_SESSION),
    (S.ASSIGNED, Event.SUBMIT_END_REPORT),
    (S.WITHDRAWN, Event.WITHDRAW),
    (S.WITHDRAWN, Event.RECORD_SESSION),
    (S.END_REPORTED, Event.WITHDRAW),
    (S.PLAN_APPROVED, Event.COMPLETE),
    (S.SENT, Event.CANCEL),
    *[(status, event) for status in rules.CONCLUDED for event in Event],
]


@pytest.mark.parametrize("status, event, after", LEGAL)
def test_a_legal_move_gives_the_status_in_the_table(status, event, after):
    assert rules.transition(status, event) == after


@pytest.mark.parametrize("status, event", ILLEGAL)
def test_an_illegal_move_is_a_domain_error_naming_the_status(status, event):
    with pytest.raises(DomainError) as error:
        rules.transition(status, event)
    assert S(status).label.lower() in error.value.message
    assert not rules.can(status, event)


def test_a_concluded_referral_accepts_nothing():
    assert not [key for key in rules.TRANSITIONS if key[0] in rules.CONCLUDED]


def test_a_referral_can_be_withdrawn_at_every_stage_before_the_report():
    assert {s for s in S if rules.can(s, Event.WITHDRAW)} == set(rules.IN_PROGRESS)


# --- Concluding (DOMAIN.md §7) -----------------------------------------------------------


@pytest.mark.parametrize(
    "plan_approved, planned, delivered, outcome",
    [
        (False, 0, 0, S.CANCELLED),  # no approved plan -> cancelled
        (False, 10, 3, S.CANCELLED),  # sessions without an approved plan do not count
        (True, 10, 3, S.ENDED_EARLY),  # part delivered -> ended early
        (True, 10, 9, S.ENDED_EARLY),
        (True, 10, 0, S.ENDED_EARLY),  # approved, nothing delivered: 0 of 10 is part
        (True, 10, 10, S.COMPLETED),  # all sessions -> completed
        (True, 10, 11, S.COMPLETED),
        (True, 1, 1, S.COMPLETED),
    ],
)
def test_the_concluding_rules(plan_approved, planned, delivered, outcome):
    assert (
        rules.concluding_outcome(
            plan_approved=plan_approved, sessions_planned=planned, sessions_delivered=delivered
        )
        == outcome
    )


@pytest.mark.parametrize(
    "status, plan_approved, ready",
    [
        (S.WITHDRAWN, False, True),
        (S.WITHDRAWN, True, False),  # waits for the provider's report
        (S.END_REPORTED, True, True),
        (S.PLAN_APPROVED, True, False),
        (S.SENT, False, False),
        (S.COMPLETED, True, False),
    ],
)
def test_when_a_referral_is_ready_to_conclude(status, plan_approved, ready):
    assert rules.ready_to_conclude(status=status, plan_approved=plan_approved) is ready


# --- Eligibility -----------------------------------------------------------------------

MAN = rules.PersonFacts(sex="male", rosh="medium", needs=frozenset({"alcohol"}), borough="Brent")


def test_a_service_without_limits_fits_anyone():
    assert rules.eligibility(rules.ServiceTerms(), MAN) == []


@pytest.mark.parametrize(
    "terms, reason",
    [
        (rules.ServiceTerms(sexes=frozenset({"female"})), "Only for people whose sex is female"),
        (rules.ServiceTerms(rosh_levels=frozenset({"low"})), "RoSH medium is outside"),
        (rules.ServiceTerms(needs=frozenset({"ete", "drugs"})), "None of the needs"),
        (rules.ServiceTerms(boroughs=frozenset({"Lambeth"})), "Not delivered in Brent"),
        (rules.ServiceTerms(available=False), "not taking referrals"),
    ],
)
def test_each_limit_gives_its_reason(terms, reason):
    reasons = rules.eligibility(terms, MAN)
    assert len(reasons) == 1 and reason in reasons[0]


def test_every_unmet_limit_is_listed():
    terms = rules.ServiceTerms(sexes=frozenset({"female"}), needs=frozenset({"ete"}))
    assert len(rules.eligibility(terms, MAN)) == 2


def test_an_unassessed_rosh_is_outside_a_rosh_limit_and_says_so():
    person = rules.PersonFacts(sex="male", rosh="", needs=frozenset())
    assert (
        "not assessed"
        in rules.eligibility(rules.ServiceTerms(rosh_levels=frozenset({"low"})), person)[0]
    )


def test_an_unknown_borough_is_not_a_reason_to_refuse():
    person = rules.PersonFacts(sex="male", rosh="low", needs=frozenset())
    assert rules.eligibility(rules.ServiceTerms(boroughs=frozenset({"Lambeth"})), person) == []


def test_a_service_matches_a_grid_suggestion_by_name_or_alias_ignoring_case():
    assert rules.matches_suggestion("Alcohol Toolkit", [], ["alcohol toolkit"])
    assert rules.matches_suggestion(
        "Job Clubs/ETE", ["Job club / ETE support"], ["Job club / ETE support"]
    )
    assert not rules.matches_suggestion("Resolve", [], ["Thinking Skills Programme"])


# --- RAR days --------------------------------------------------------------------------

MONDAY = dt.date(2026, 3, 2)


def rar(ordered, credited, weeks_left, per_week=2, today=MONDAY):
    return rules.rar_position(
        ordered=ordered,
        credited=credited,
        today=today,
        order_ends=today + dt.timedelta(days=7 * weeks_left - 1),
        days_per_week=per_week,
    )


def test_days_ordered_credited_and_remaining():
    position = rar(20, 5, weeks_left=30)
    assert (position.ordered, position.credited, position.remaining) == (20, 5, 15)
    assert not position.at_risk


def test_days_that_fit_exactly_in_the_time_left_are_not_at_risk():
    position = rar(20, 0, weeks_left=10)
    assert position.deliverable == 20 and not position.at_risk


def test_one_day_more_than_the_time_left_allows_is_at_risk():
    position = rar(21, 0, weeks_left=10)
    assert position.at_risk


def test_every_day_credited_is_never_at_risk_even_after_the_order_ends():
    position = rar(10, 10, weeks_left=0)
    assert position.remaining == 0 and not position.at_risk


def test_days_left_when_the_order_has_ended_are_at_risk():
    position = rar(10, 9, weeks_left=0)
    assert position.deliverable == 0 and position.at_risk


def test_credits_beyond_the_days_ordered_do_not_make_the_remainder_negative():
    position = rar(10, 12, weeks_left=5)
    assert (position.credited, position.remaining) == (10, 0)


def test_bank_holidays_limit_the_days_when_the_pace_would_allow_every_working_day():
    # Christmas week 2026: Friday 25 and Monday 28 December are bank holidays.
    position = rules.rar_position(
        ordered=5,
        credited=0,
        today=dt.date(2026, 12, 21),
        order_ends=dt.date(2026, 12, 28),
        days_per_week=7,
    )
    assert position.deliverable == 4 and position.at_risk


# --- Deadlines -----------------------------------------------------------------------------


def test_a_referral_is_overdue_for_assignment_after_five_working_days():
    friday = dt.date(2026, 3, 6)
    assert not rules.assignment_overdue(sent_on=friday, today=dt.date(2026, 3, 12), working_days=5)
    assert rules.assignment_overdue(sent_on=friday, today=dt.date(2026, 3, 13), working_days=5)


def test_fourteen_days_without_a_session_is_a_gap_and_thirteen_is_not():
    assert not rules.session_gap(last_on=MONDAY, today=MONDAY + dt.timedelta(days=13), days=14)
    assert rules.session_gap(last_on=MONDAY, today=MONDAY + dt.timedelta(days=14), days=14)


@pytest.mark.parametrize(
    "plan_approved, sessions_planned, sessions_recorded, last_session_on, withdrawn_on, due",
    [
        pytest.param(
            True, 3, 3, MONDAY, None, dt.date(2026, 3, 9), id="after-the-last-planned-session"
        ),
        pytest.param(True, 3, 2, MONDAY, None, None, id="not-while-sessions-remain"),
        pytest.param(False, 3, 3, MONDAY, None, None, id="not-without-an-approved-plan"),
        pytest.param(
            True, 10, 2, None, MONDAY, dt.date(2026, 3, 9), id="from-a-withdrawal-after-approval"
        ),
    ],
)
def test_when_the_end_of_service_report_is_due(
    plan_approved, sessions_planned, sessions_recorded, last_session_on, withdrawn_on, due
):
    assert (
        rules.end_report_due(
            plan_approved=plan_approved,
            sessions_planned=sessions_planned,
            sessions_recorded=sessions_recorded,
            last_session_on=last_session_on,
            withdrawn_on=withdrawn_on,
            working_days=5,
        )
        == due
    )
