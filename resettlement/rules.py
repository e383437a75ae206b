"""Through the Gate policy (DOMAIN.md §6) as pure functions: due dates, the pre-release
alert thresholds, plan completeness and the status transition tables. No ORM, no I/O.

Working days skip weekends and England and Wales bank holidays (crc.workingdays).
"""

import datetime as dt
from collections.abc import Iterable

from crc.workingdays import add_working_days, working_days_between

SCREENING_WORKING_DAYS = 5
PRE_RELEASE_REVIEW_WEEKS = 12
# Release within this many weeks with no pre-release contact by the community officer:
# the officer is told at each threshold (the inspectors found only a third had enough).
CONTACT_ALERT_WEEKS = (12, 6, 2)
# Release within this many working days with accommodation unconfirmed or no first
# appointment booked.
IMMINENT_RELEASE_WORKING_DAYS = 2

EPISODE_TRANSITIONS: dict[str, frozenset[str]] = {
    "in_custody": frozenset({"released", "closed"}),
    "released": frozenset(),
    "closed": frozenset(),
}

PATHWAY_TRANSITIONS: dict[str, frozenset[str]] = {
    "not_started": frozenset(
        {"in_progress", "support_required", "support_not_required", "support_declined"}
    ),
    "in_progress": frozenset({"support_required", "support_not_required", "support_declined"}),
    "support_required": frozenset({"in_progress", "support_declined", "done"}),
    "support_not_required": frozenset({"in_progress", "support_required"}),
    "support_declined": frozenset({"in_progress", "support_required"}),
    "done": frozenset({"support_required"}),
}
# A screened pathway has an answer: still "not started" or "in progress" is unscreened.
SCREENED_PATHWAY_STATUSES = frozenset(
    {"support_required", "support_not_required", "support_declined", "done"}
)

ACTION_TRANSITIONS: dict[str, frozenset[str]] = {
    "not_started": frozenset({"in_progress", "done", "cancelled"}),
    "in_progress": frozenset({"done", "cancelled", "not_started"}),
    "done": frozenset({"in_progress"}),
    "cancelled": frozenset(),
}


def can_move(table: dict[str, frozenset[str]], current: str, new: str) -> bool:
    return current == new or new in table.get(current, frozenset())


# --- Due dates ---------------------------------------------------------------------------


def screening_due(reception: dt.date) -> dt.date:
    """Screening within 5 working days of reception (reception day itself not counted)."""
    return add_working_days(reception, SCREENING_WORKING_DAYS)


def screening_on_time(reception: dt.date, completed_on: dt.date | None) -> bool:
    return completed_on is not None and completed_on <= screening_due(reception)


def pre_release_review_due(release: dt.date) -> dt.date:
    return release - dt.timedelta(weeks=PRE_RELEASE_REVIEW_WEEKS)


def next_working_day(day: dt.date) -> dt.date:
    return add_working_days(day, 1)


def first_appointment_window(release: dt.date) -> tuple[dt.date, dt.date]:
    """The first community appointment: on the day of release or the next working day."""
    return release, next_working_day(release)


def first_appointment_in_window(release: dt.date, appointment_day: dt.date) -> bool:
    # Exactly one of the two days: a Saturday between a Friday release and the Monday
    # is neither.
    return appointment_day in first_appointment_window(release)


# --- Pre-release alerts ------------------------------------------------------------------


def contact_alert_threshold(
    *, today: dt.date, release: dt.date, has_pre_release_contact: bool
) -> int | None:
    """The tightest threshold (12, 6 or 2 weeks) the release falls within when the
    community officer has made no pre-release contact; None when no alert is due."""
    if has_pre_release_contact or release < today:
        return None
    days_left = (release - today).days
    crossed = [weeks for weeks in CONTACT_ALERT_WEEKS if days_left <= weeks * 7]
    return min(crossed) if crossed else None


def imminent_release_gaps(
    *,
    today: dt.date,
    release: dt.date,
    accommodation_confirmed: bool,
    first_appointment_booked: bool,
) -> list[str]:
    """What is still missing when release is within 2 working days: empty otherwise."""
    if release < today or working_days_between(today, release) > IMMINENT_RELEASE_WORKING_DAYS:
        return []
    gaps = []
    if not accommodation_confirmed:
        gaps.append("accommodation on release is not confirmed")
    if not first_appointment_booked:
        gaps.append("no first community appointment is booked")
    return gaps


# --- Completeness ------------------------------------------------------------------------


def risk_of_harm_gaps(*, risk_to_whom: str, risk_plan: str) -> list[str]:
    gaps = []
    if not risk_to_whom.strip():
        gaps.append("Say who may be at risk from the person on release")
    if not risk_plan.strip():
        gaps.append("Say what the plan does about the risk of harm to others")
    return gaps


def screening_gaps(
    *, pathway_statuses: dict[str, str], pathways: Iterable[str], risk_to_whom: str, risk_plan: str
) -> list[str]:
    """Why a screening cannot be completed yet: every pathway answered, and the
    risk-of-harm section written."""
    unscreened = [
        p
        for p in pathways
        if pathway_statuses.get(p, "not_started") not in SCREENED_PATHWAY_STATUSES
    ]
    gaps = [f"Screen the {p} pathway" for p in unscreened]
    return gaps + risk_of_harm_gaps(risk_to_whom=risk_to_whom, risk_plan=risk_plan)


def plan_gaps(
    *,
    risk_to_whom: str,
    risk_plan: str,
    pathways_needing_support: Iterable[str],
    pathways_with_actions: Iterable[str],
) -> list[str]:
    """Why a plan cannot be completed yet. The risk-of-harm section is never optional;
    each pathway screened as needing support has at least one live action."""
    gaps = risk_of_harm_gaps(risk_to_whom=risk_to_whom, risk_plan=risk_plan)
    covered = set(pathways_with_actions)
    gaps += [
        f"Add an action for the {p} pathway" for p in pathways_needing_support if p not in covered
    ]
    return gaps
