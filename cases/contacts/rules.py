"""Pure rules for contacts and enforcement (DOMAIN.md §3-4). No ORM, no I/O.

- The Sentencing Code Sch. 10 para 6 sequence: what the officer may (and must) decide on
  a failure to comply.
- The compliance panel: failures to comply in the last 12 months.
- Grid compliance: was the contact level met in each period?
- Due dates in working days (weekends and England & Wales bank holidays skipped).

Kinds and order types are the string values of cases.models' TextChoices, repeated here
so that this module stays free of Django.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from crc.workingdays import add_working_days

# --- Enforcement (Sch. 10 para 6) ---------------------------------------------------------


class Decision(StrEnum):
    WARNING = "warning"
    BREACH = "breach"
    RECALL = "recall"
    NO_ACTION = "no_action"


# Order types (cases.models.OrderType values).
COMMUNITY_ORDER, SUSPENDED_SENTENCE_ORDER, LICENCE, POST_SENTENCE_SUPERVISION = (
    "co",
    "sso",
    "licence",
    "pss",
)
# What "breach action" means for each order: a community order or SSO goes back to court;
# a licence is recalled; post-sentence supervision is breached before the magistrates.
ENFORCING_DECISIONS: dict[str, tuple[Decision, ...]] = {
    COMMUNITY_ORDER: (Decision.BREACH,),
    SUSPENDED_SENTENCE_ORDER: (Decision.BREACH,),
    LICENCE: (Decision.RECALL,),
    POST_SENTENCE_SUPERVISION: (Decision.BREACH, Decision.RECALL),
}
WARNING_VALID_MONTHS = 12


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier, or the month's last day (29 Feb -> 28 Feb)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def period_last_day(start: dt.date, months: int) -> dt.date:
    """The last day of "the period of `months` months beginning with" `start`.

    Such a period ends the day before the corresponding date (Dodds v Walker [1981]), so a
    warning given on 12 January 2026 counts up to 11 January 2027, not on the 12th. Where
    the final month has no corresponding date (29 February, 31st), it ends on that
    month's last day.
    """
    month_index = start.year * 12 + start.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    next_month_start = dt.date(year + month // 12, month % 12 + 1, 1)
    month_last_day = next_month_start - dt.timedelta(days=1)
    if start.day > month_last_day.day:
        return month_last_day
    return dt.date(year, month, start.day) - dt.timedelta(days=1)


def warning_in_force(warning_on: dt.date, failure_on: dt.date) -> bool:
    """Sch. 10 para 6(4)(c): a warning counts against a failure within "the period of 12
    months beginning with the date on which the warning was given"."""
    return warning_on <= failure_on <= period_last_day(warning_on, WARNING_VALID_MONTHS)


@dataclass(frozen=True)
class PriorDecision:
    """An earlier enforcement decision on the same case."""

    kind: str
    decided_on: dt.date


@dataclass(frozen=True)
class EnforcementOptions:
    """What the rule allows for one failure to comply.

    options: the decisions the officer may choose, enforcing ones first. `no_action` is
    always among them but needs a recorded professional judgement.
    required: the enforcing decisions when the law requires one (a warning in the last 12
    months), else empty. `warning` is then not offered.
    """

    options: tuple[Decision, ...]
    required: tuple[Decision, ...]
    warning_on: dt.date | None
    explanation: str

    @property
    def breach_required(self) -> bool:
        return bool(self.required)


def enforcement_options(
    *, order_type: str, failure_on: dt.date, previous: Iterable[PriorDecision]
) -> EnforcementOptions:
    """The Sch. 10 sequence: a first unacceptable failure gets a warning or breach action
    (the officer's choice); a further failure within 12 months of a warning must go to
    breach (CO, SSO) or recall/breach (licence, PSS). Not enforcing is always possible,
    but only with a recorded professional judgement (the inspectors found these unclear
    in a third of cases, and people not returned to court when they should have been)."""
    enforcing = ENFORCING_DECISIONS.get(order_type, (Decision.BREACH,))
    warnings = sorted(
        (
            p.decided_on
            for p in previous
            if p.kind == Decision.WARNING and warning_in_force(p.decided_on, failure_on)
        ),
        reverse=True,
    )
    if warnings:
        breach_words = "recall" if enforcing == (Decision.RECALL,) else "breach action"
        if len(enforcing) > 1:
            breach_words = "breach or recall"
        return EnforcementOptions(
            options=(*enforcing, Decision.NO_ACTION),
            required=enforcing,
            warning_on=warnings[0],
            explanation=(
                f"A warning was given on {warnings[0]:%d %B %Y}, less than 12 months before "
                f"this failure. The law requires {breach_words}: another warning is not "
                "allowed. Not enforcing needs a recorded professional judgement."
            ),
        )
    return EnforcementOptions(
        options=(Decision.WARNING, *enforcing, Decision.NO_ACTION),
        required=(),
        warning_on=None,
        explanation=(
            "There has been no warning in the last 12 months, so this failure gets a "
            "warning or breach action: your choice. Not enforcing needs a recorded "
            "professional judgement."
        ),
    )


# --- The compliance panel -----------------------------------------------------------------


@dataclass(frozen=True)
class CompliancePanel:
    failures: int
    breach_in_progress: bool

    @property
    def colour(self) -> str:
        """GOV.UK tag colour: 0 green, 1 neutral (grey), 2+ red."""
        if self.failures == 0:
            return "green"
        return "grey" if self.failures == 1 else "red"

    @property
    def text(self) -> str:
        if self.failures == 0:
            return "No failures to comply in the last 12 months"
        plural = "failure" if self.failures == 1 else "failures"
        return f"{self.failures} {plural} to comply in the last 12 months"


def failures_in_last_year(failure_dates: Iterable[dt.date], today: dt.date) -> int:
    start = months_before(today, 12)
    return sum(1 for day in failure_dates if start < day <= today)


def compliance_panel(
    *, failure_dates: Iterable[dt.date], today: dt.date, breach_in_progress: bool
) -> CompliancePanel:
    return CompliancePanel(
        failures=failures_in_last_year(failure_dates, today),
        breach_in_progress=breach_in_progress,
    )


# --- Grid compliance ----------------------------------------------------------------------


@dataclass(frozen=True)
class ContactFact:
    """One recorded contact, as the Grid counts it. `with_person` is False for third-party
    contact and for absences (the person was not seen, so it is no contact with them)."""

    on: dt.date
    with_person: bool
    face_to_face: bool


@dataclass(frozen=True)
class PeriodCompliance:
    start: dt.date
    end: dt.date
    contacts: int
    face_to_face: int
    required_contacts: int
    required_face_to_face: int
    is_current: bool
    # True when supervision started part-way through the period: not judged.
    partial: bool = False

    @property
    def short_by(self) -> int:
        return max(self.required_contacts - self.contacts, 0)

    @property
    def face_to_face_short_by(self) -> int:
        return max(self.required_face_to_face - self.face_to_face, 0)

    @property
    def met(self) -> bool:
        return self.partial or (self.short_by == 0 and self.face_to_face_short_by == 0)

    @property
    def text(self) -> str:
        if self.partial:
            return "Not assessed (supervision started during this period)"
        if self.met:
            return "Met"
        parts = []
        if self.short_by:
            parts.append(f"short by {self.short_by}")
        # Face to face is named only when it adds something: with no contacts at all,
        # "short by 1" already says the face-to-face one is missing.
        if self.face_to_face_short_by > self.short_by:
            parts.append(f"face to face short by {self.face_to_face_short_by}")
        text = ", ".join(parts)
        return text[0].upper() + text[1:]


@dataclass(frozen=True)
class GridStatus:
    """The current period's result, for a caseload row."""

    met: bool
    short_by: int
    face_to_face_short_by: int

    @property
    def text(self) -> str:
        if self.met:
            return "Met"
        return f"Short by {max(self.short_by, self.face_to_face_short_by)}"


def grid_periods(*, period_days: int, today: dt.date, count: int) -> list[tuple[dt.date, dt.date]]:
    """Consecutive windows of `period_days` days, newest first, the first ending today.

    Windows are rolling, not calendar weeks: the current period is the last period_days
    days up to and including today, so "short" in it means the minimum has not been met
    in the last period and a contact is due now. Each earlier window ends the day before
    the next one starts, so every day belongs to exactly one window.
    """
    periods = []
    end = today
    for _ in range(count):
        start = end - dt.timedelta(days=period_days - 1)
        periods.append((start, end))
        end = start - dt.timedelta(days=1)
    return periods


def grid_compliance(
    *,
    contacts: int,
    period_days: int,
    face_to_face: int,
    facts: Iterable[ContactFact],
    today: dt.date,
    periods: int = 3,
    since: dt.date | None = None,
) -> list[PeriodCompliance]:
    """For the current and previous periods (newest first): contacts with the person and
    how many were face to face against the level's minimums. Periods that start before
    `since` (when supervision began) are marked partial and count as met; periods that
    end before it are left out."""
    facts = [f for f in facts if f.with_person]
    result = []
    for index, (start, end) in enumerate(
        grid_periods(period_days=period_days, today=today, count=periods)
    ):
        if since is not None and end < since:
            break
        in_period = [f for f in facts if start <= f.on <= end]
        result.append(
            PeriodCompliance(
                start=start,
                end=end,
                contacts=len(in_period),
                face_to_face=sum(1 for f in in_period if f.face_to_face),
                required_contacts=contacts,
                required_face_to_face=face_to_face,
                is_current=index == 0,
                partial=since is not None and start < since,
            )
        )
    return result


def grid_status(periods: list[PeriodCompliance]) -> GridStatus | None:
    if not periods:
        return None
    current = periods[0]
    return GridStatus(
        met=current.met,
        short_by=0 if current.partial else current.short_by,
        face_to_face_short_by=0 if current.partial else current.face_to_face_short_by,
    )


# --- Due dates ----------------------------------------------------------------------------

# Defaults (DOMAIN.md §4); the live numbers come from DeadlinePolicy through
# cases.deadlines.deadline_working_days.
ACCEPTABILITY_DECISION_DAYS = 2
WARNING_LETTER_DAYS = 2
BREACH_PACK_DAYS = 10


def acceptability_due(recorded_on: dt.date, days: int = ACCEPTABILITY_DECISION_DAYS) -> dt.date:
    return add_working_days(recorded_on, days)


def letter_or_pack_due(
    kind: str,
    decided_on: dt.date,
    *,
    warning_days: int = WARNING_LETTER_DAYS,
    pack_days: int = BREACH_PACK_DAYS,
) -> dt.date | None:
    """When the service centre's work for a decision is due: a warning letter within 2
    working days, a breach pack (or recall report) within 10. Not enforcing needs none."""
    if kind == Decision.WARNING:
        return add_working_days(decided_on, warning_days)
    if kind in (Decision.BREACH, Decision.RECALL):
        return add_working_days(decided_on, pack_days)
    return None
