"""Unpaid work policy as pure functions (DOMAIN.md §5): no ORM, no I/O.

Minutes are the unit throughout, so half-hour credits and penalty minutes stay exact.
"""

import calendar
import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

MIN_HOURS = 40
MAX_HOURS = 300
DEADLINE_MONTHS = 12
ETE_SHARE_CAP = 0.30
TRAVEL_CAP_MINUTES = 180
# The s.37 credit: from 25% done, each further hour takes half an hour off, up to 25% off.
S37_THRESHOLD = 0.25
S37_RATE = 0.5
S37_MAX_SHARE = 0.25
# A standard group session (7 hours' work) once a week: the at-risk projection's defaults.
SESSION_MINUTES = 420
SESSIONS_PER_WEEK = 1

EXPECTED = "expected"
COMPLIED = "complied"
FAILED_TO_COMPLY = "failed_to_comply"
SENT_HOME = "sent_home"
ACCEPTABLE_ABSENCE = "acceptable_absence"
UNACCEPTABLE_ABSENCE = "unacceptable_absence"
STOOD_DOWN = "stood_down"

# Time worked counts when the person was there, even if they left early or failed to comply.
ATTENDED = frozenset({COMPLIED, FAILED_TO_COMPLY, SENT_HOME})
# Failures to comply: these enter the enforcement flow.
FAILURES = frozenset({FAILED_TO_COMPLY, UNACCEPTABLE_ABSENCE})
# What loses the s.37 credit.
S37_DISQUALIFYING = frozenset({UNACCEPTABLE_ABSENCE, SENT_HOME})


def hours_error(hours: int | None) -> str | None:
    """Why `hours` cannot be ordered, or None when they can."""
    if hours is None:
        return "Enter the hours ordered"
    if not MIN_HOURS <= hours <= MAX_HOURS:
        return f"Hours ordered must be between {MIN_HOURS} and {MAX_HOURS}"
    return None


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the 29th February (or a 31st) falls back to the
    month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def deadline(start: dt.date, extensions_months: Iterable[int] = ()) -> dt.date:
    """12 months from the start, plus every extension granted (in months)."""
    return add_months(start, DEADLINE_MONTHS + sum(extensions_months))


def extension_error(months: int, reason: str) -> str | None:
    if months < 1:
        return "An extension is at least one month"
    if not reason.strip():
        return "Say why the order is being extended"
    return None


def minutes_between(start: dt.time, end: dt.time) -> int:
    return max(0, (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute))


def travel_credit(minutes: int) -> int:
    """Travel time credited for one adjustment, capped."""
    return max(0, min(minutes, TRAVEL_CAP_MINUTES))


def ete_cap_minutes(hours_ordered: int) -> int:
    return math.floor(hours_ordered * 60 * ETE_SHARE_CAP)


@dataclass(frozen=True)
class SessionRecord:
    """What the rules need of one attendance."""

    on: dt.date
    outcome: str
    started_at: dt.time | None = None
    ended_at: dt.time | None = None
    penalty_minutes: int = 0
    ete_minutes: int = 0
    travel_minutes: int = 0


def worked_minutes(record: SessionRecord) -> int:
    """Hours worked at a session, less penalty minutes (never below nothing)."""
    if record.outcome not in ATTENDED or record.started_at is None or record.ended_at is None:
        return 0
    return max(0, minutes_between(record.started_at, record.ended_at) - record.penalty_minutes)


@dataclass(frozen=True)
class Progress:
    ordered_minutes: int
    worked_minutes: int
    ete_minutes: int  # after the 30% cap
    travel_minutes: int  # after the per-adjustment cap
    s37_minutes: int
    s37_disqualified: bool

    @property
    def credited_minutes(self) -> int:
        return self.worked_minutes + self.ete_minutes + self.travel_minutes

    @property
    def remaining_minutes(self) -> int:
        return max(0, self.ordered_minutes - self.credited_minutes - self.s37_minutes)

    @property
    def complete(self) -> bool:
        return self.remaining_minutes == 0


def s37_applies(order_start: dt.date, *, enabled: bool, commencement: dt.date) -> bool:
    """The credit is for orders made on or after the section came into force."""
    return enabled and order_start >= commencement


def s37_credit(ordered_minutes: int, done_minutes: int, *, disqualified: bool) -> int:
    """Minutes taken off by the s.37 credit: half of every minute done beyond 25% of the
    order, at most 25% of the order. None once an unacceptable absence or a send-home is
    recorded on the order; it is worked out afresh from the sessions every time, so it
    disappears if one is recorded later."""
    if disqualified:
        return 0
    threshold = ordered_minutes * S37_THRESHOLD
    beyond = max(0, done_minutes - threshold)
    return math.floor(min(beyond * S37_RATE, ordered_minutes * S37_MAX_SHARE))


def progress(hours_ordered: int, records: Sequence[SessionRecord], *, s37: bool) -> Progress:
    ordered = hours_ordered * 60
    worked = sum(worked_minutes(r) for r in records)
    ete = min(sum(r.ete_minutes for r in records), ete_cap_minutes(hours_ordered))
    travel = sum(travel_credit(r.travel_minutes) for r in records if r.outcome in ATTENDED)
    disqualified = any(r.outcome in S37_DISQUALIFYING for r in records)
    credit = s37_credit(ordered, worked + ete + travel, disqualified=disqualified) if s37 else 0
    # The credit never takes the order below what is left to do.
    credit = min(credit, max(0, ordered - worked - ete - travel))
    return Progress(ordered, worked, ete, travel, credit, disqualified)


def projected_completion(
    remaining_minutes: int,
    today: dt.date,
    *,
    session_minutes: int = SESSION_MINUTES,
    sessions_per_week: int = SESSIONS_PER_WEEK,
) -> dt.date:
    """When the order would be done at the expected pace of work."""
    sessions = math.ceil(remaining_minutes / session_minutes) if remaining_minutes else 0
    weeks = math.ceil(sessions / sessions_per_week) if sessions else 0
    return today + dt.timedelta(weeks=weeks)


def sessions_possible(today: dt.date, deadline_day: dt.date, *, sessions_per_week: int) -> int:
    """Sessions that still fit before the deadline (whole weeks left)."""
    if deadline_day <= today:
        return 0
    return ((deadline_day - today).days // 7) * sessions_per_week


def at_risk(
    remaining_minutes: int,
    today: dt.date,
    deadline_day: dt.date,
    *,
    session_minutes: int = SESSION_MINUTES,
    sessions_per_week: int = SESSIONS_PER_WEEK,
) -> bool:
    """Hours left outrun the sessions possible before the deadline."""
    if remaining_minutes <= 0:
        return False
    possible = sessions_possible(today, deadline_day, sessions_per_week=sessions_per_week)
    return remaining_minutes > possible * session_minutes


# --- Allocation ---------------------------------------------------------------------------

Window = tuple[int, dt.time, dt.time]  # weekday (Monday 0), start, end


def parse_windows(raw: Iterable[Sequence]) -> list[Window]:
    """[[0, "08:30", "15:30"], ...] as stored on the order, as windows."""
    return [(int(w[0]), dt.time.fromisoformat(w[1]), dt.time.fromisoformat(w[2])) for w in raw]


def overlaps(window: Window, on: dt.date, start: dt.time, end: dt.time) -> bool:
    weekday, w_start, w_end = window
    return on.weekday() == weekday and start < w_end and w_start < end


@dataclass(frozen=True)
class PersonForAllocation:
    case_id: int
    sex: str
    no_work_near_children: bool = False
    no_work_near_vulnerable_adults: bool = False
    childcare: Sequence[Window] = ()
    employment: Sequence[Window] = ()
    tensions: frozenset[int] = frozenset()  # case ids


@dataclass(frozen=True)
class ProjectForAllocation:
    women_only: bool
    near_children: bool
    near_vulnerable_adults: bool
    active: bool = True
    # (date, start, end) of the coming sessions the person would be expected at.
    sessions: Sequence[tuple[dt.date, dt.time, dt.time]] = ()
    people_placed: frozenset[int] = field(default_factory=frozenset)  # case ids


def allocation_refusals(person: PersonForAllocation, project: ProjectForAllocation) -> list[str]:
    """Every reason the person may not be placed on the project (empty: suitable)."""
    reasons = []
    if not project.active:
        reasons.append("The project is closed")
    if person.no_work_near_children and project.near_children:
        reasons.append("Risk: the person must not work near children and this project does")
    if person.no_work_near_vulnerable_adults and project.near_vulnerable_adults:
        reasons.append(
            "Risk: the person must not work near vulnerable adults and this project does"
        )
    if project.women_only and person.sex != "female":
        reasons.append("The project is for women only")
    for label, windows in (("childcare", person.childcare), ("paid work", person.employment)):
        clash = next(
            (s for s in project.sessions for w in windows if overlaps(w, *s)),
            None,
        )
        if clash is not None:
            reasons.append(
                f"The sessions clash with the person's {label} "
                f"({clash[0]:%A} {clash[1]:%H:%M}–{clash[2]:%H:%M})"
            )
    if person.tensions & project.people_placed:
        reasons.append("Someone the person has a known tension with is placed on this project")
    return reasons
