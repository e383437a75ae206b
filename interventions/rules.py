"""Pure rules for interventions (DOMAIN.md §7): the referral's one transition table,
the concluding rules, a service's eligibility for a person, RAR days and the deadlines
the reminder jobs watch. No ORM, no I/O; the services and jobs feed them plain values.
"""

import datetime as dt
import math
from dataclasses import dataclass

from django.db.models import TextChoices

from crc.domain import DomainError
from crc.workingdays import add_working_days, working_days_between

# Policy defaults; settings.INTERVENTIONS overrides any of them (interventions.policy).
DEFAULTS = {
    "assignment_working_days": 5,
    "plan_approval_working_days": 2,
    "session_gap_days": 14,
    "end_report_working_days": 5,
    "rar_days_per_week": 2,
}


class ReferralStatus(TextChoices):
    SENT = "sent", "Sent"
    ASSIGNED = "assigned", "Assigned"
    ASSESSMENT_BOOKED = "assessment_booked", "Initial assessment booked"
    PLAN_SUBMITTED = "plan_submitted", "Action plan submitted"
    PLAN_APPROVED = "plan_approved", "In delivery"
    WITHDRAWN = "withdrawn", "Withdrawn"
    END_REPORTED = "end_reported", "End-of-service report submitted"
    COMPLETED = "completed", "Completed"
    ENDED_EARLY = "ended_early", "Ended early"
    CANCELLED = "cancelled", "Cancelled"


class Event(TextChoices):
    ASSIGN = "assign", "assign a caseworker"
    BOOK_ASSESSMENT = "book_assessment", "book the initial assessment"
    SUBMIT_PLAN = "submit_plan", "submit an action plan"
    APPROVE_PLAN = "approve_plan", "approve the action plan"
    RECORD_SESSION = "record_session", "record a session"
    SUBMIT_END_REPORT = "submit_end_report", "submit the end-of-service report"
    WITHDRAW = "withdraw", "withdraw the referral"
    CANCEL = "cancel", "conclude as cancelled"
    END_EARLY = "end_early", "conclude as ended early"
    COMPLETE = "complete", "conclude as completed"


S = ReferralStatus
CONCLUDED = frozenset({S.COMPLETED, S.ENDED_EARLY, S.CANCELLED})
# Before the end-of-service report: the stages a referral may be withdrawn from.
IN_PROGRESS = (S.SENT, S.ASSIGNED, S.ASSESSMENT_BOOKED, S.PLAN_SUBMITTED, S.PLAN_APPROVED)

# (status, event) -> the status it moves to. Anything absent is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    **{(status, Event.ASSIGN): status for status in IN_PROGRESS},
    (S.SENT, Event.ASSIGN): S.ASSIGNED,
    (S.ASSIGNED, Event.BOOK_ASSESSMENT): S.ASSESSMENT_BOOKED,
    (S.ASSESSMENT_BOOKED, Event.BOOK_ASSESSMENT): S.ASSESSMENT_BOOKED,
    (S.ASSESSMENT_BOOKED, Event.SUBMIT_PLAN): S.PLAN_SUBMITTED,
    (S.PLAN_SUBMITTED, Event.SUBMIT_PLAN): S.PLAN_SUBMITTED,
    # A revised plan during delivery goes back to the officer.
    (S.PLAN_APPROVED, Event.SUBMIT_PLAN): S.PLAN_SUBMITTED,
    (S.PLAN_SUBMITTED, Event.APPROVE_PLAN): S.PLAN_APPROVED,
    (S.PLAN_APPROVED, Event.RECORD_SESSION): S.PLAN_APPROVED,
    (S.PLAN_APPROVED, Event.SUBMIT_END_REPORT): S.END_REPORTED,
    # Withdrawn after a plan was approved: the provider still reports on what was done.
    (S.WITHDRAWN, Event.SUBMIT_END_REPORT): S.END_REPORTED,
    **{(status, Event.WITHDRAW): S.WITHDRAWN for status in IN_PROGRESS},
    (S.WITHDRAWN, Event.CANCEL): S.CANCELLED,
    (S.END_REPORTED, Event.END_EARLY): S.ENDED_EARLY,
    (S.END_REPORTED, Event.COMPLETE): S.COMPLETED,
}

OUTCOME_EVENT = {
    S.CANCELLED: Event.CANCEL,
    S.ENDED_EARLY: Event.END_EARLY,
    S.COMPLETED: Event.COMPLETE,
}


def can(status: str, event: str) -> bool:
    return (status, event) in TRANSITIONS


def transition(status: str, event: str) -> str:
    """The status after `event`, or a DomainError (409 at the API) saying why not."""
    try:
        return TRANSITIONS[(status, event)]
    except KeyError:
        label = ReferralStatus(status).label.lower()
        raise DomainError(
            f"You cannot {Event(event).label} while the referral is {label}"
        ) from None


# --- Concluding (DOMAIN.md §7) -------------------------------------------------------------

ATTENDED = frozenset({"yes", "late"})


def concluding_outcome(
    *, plan_approved: bool, sessions_planned: int, sessions_delivered: int
) -> str:
    """No approved plan -> cancelled; part delivered -> ended early; all sessions ->
    completed. A plan approved but no session delivered is "part delivered" (0 of N)."""
    if not plan_approved:
        return S.CANCELLED
    if sessions_delivered >= sessions_planned:
        return S.COMPLETED
    return S.ENDED_EARLY


def ready_to_conclude(*, status: str, plan_approved: bool) -> bool:
    """A withdrawn referral with no approved plan concludes at once; otherwise it waits for
    the end-of-service report (a provider reports on any delivery it made)."""
    if status == S.WITHDRAWN:
        return not plan_approved
    return status == S.END_REPORTED


# --- Eligibility -----------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceTerms:
    sexes: frozenset[str] = frozenset()
    rosh_levels: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()
    boroughs: frozenset[str] = frozenset()
    available: bool = True


@dataclass(frozen=True)
class PersonFacts:
    sex: str
    rosh: str  # "" when not assessed
    needs: frozenset[str]  # needs assessed as present
    borough: str = ""  # "" when not known: not a reason to refuse


def _words(values) -> str:
    return ", ".join(sorted(v.replace("_", " ") for v in values))


def eligibility(terms: ServiceTerms, person: PersonFacts) -> list[str]:
    """Why the service does not fit the person; an empty list means eligible."""
    reasons = []
    if not terms.available:
        reasons.append("The service is not taking referrals at present")
    if terms.sexes and person.sex not in terms.sexes:
        reasons.append(f"Only for people whose sex is {_words(terms.sexes)}")
    if terms.rosh_levels and person.rosh not in terms.rosh_levels:
        rosh = person.rosh.replace("_", " ") or "not assessed"
        reasons.append(f"RoSH {rosh} is outside the levels it takes ({_words(terms.rosh_levels)})")
    if terms.needs and not (terms.needs & person.needs):
        reasons.append(f"None of the needs it addresses is assessed ({_words(terms.needs)})")
    if terms.boroughs and person.borough and person.borough not in terms.boroughs:
        reasons.append(f"Not delivered in {person.borough}")
    return reasons


def matches_suggestion(name: str, grid_names, suggestions) -> bool:
    """Whether a service is one the Grid suggested (by its name or a Grid alias)."""
    wanted = {s.strip().casefold() for s in suggestions}
    return any(n.strip().casefold() in wanted for n in [name, *grid_names])


# --- RAR days --------------------------------------------------------------------------


@dataclass(frozen=True)
class RarPosition:
    ordered: int
    credited: int
    remaining: int
    deliverable: int  # days that can still be delivered before the order ends
    at_risk: bool


def rar_position(
    *, ordered: int, credited: int, today: dt.date, order_ends: dt.date, days_per_week: int
) -> RarPosition:
    """Days ordered, credited and remaining, and whether the remaining days can be
    delivered before the order ends at no more than `days_per_week` a week (and one a
    working day)."""
    remaining = max(0, ordered - credited)
    if order_ends < today:
        deliverable = 0
    else:
        working = working_days_between(today - dt.timedelta(days=1), order_ends)
        weeks = ((order_ends - today).days + 1) / 7
        deliverable = min(working, math.floor(weeks * days_per_week))
    return RarPosition(
        ordered=ordered,
        credited=min(credited, ordered),
        remaining=remaining,
        deliverable=deliverable,
        at_risk=remaining > deliverable,
    )


# --- Deadlines the jobs watch --------------------------------------------------------------


def assignment_overdue(*, sent_on: dt.date, today: dt.date, working_days: int) -> bool:
    return working_days_between(sent_on, today) >= working_days


def plan_approval_overdue(*, submitted_on: dt.date, today: dt.date, working_days: int) -> bool:
    return working_days_between(submitted_on, today) >= working_days


def session_gap(*, last_on: dt.date, today: dt.date, days: int) -> bool:
    """No session for `days` days since the last one (or since the plan was approved)."""
    return (today - last_on).days >= days


def end_report_due(
    *,
    plan_approved: bool,
    sessions_planned: int,
    sessions_recorded: int,
    last_session_on: dt.date | None,
    withdrawn_on: dt.date | None,
    working_days: int,
) -> dt.date | None:
    """When the end-of-service report is due: `working_days` after the last planned
    session is recorded, or after a withdrawal once a plan was approved; None before."""
    if not plan_approved:
        return None
    if withdrawn_on is not None:
        return add_working_days(withdrawn_on, working_days)
    if sessions_recorded >= sessions_planned and last_session_on is not None:
        return add_working_days(last_session_on, working_days)
    return None
