"""Pure rules for reviews and their reminders. No ORM, no I/O (crc.workingdays is a
calendar, not I/O): tested without the database."""

import datetime as dt
from collections.abc import Iterable

from crc.workingdays import is_working_day

# The review sections, in the order the form asks them (DOMAIN.md §4).
SECTIONS = (
    "compliance_and_engagement",
    "desistance_progress",
    "risk_of_harm_change",
    "persons_involvement",
    "other_agencies",
)
UNCHANGED_PREFIX = (
    "Nothing changed in this area despite the events since the last review, because: "
)

REMINDER_DAYS_BEFORE = 7
OVERDUE_TO_AREA_MANAGER_DAYS = 14
REGISTRATION_REVIEW_NOTICE_DAYS = 7


def next_working_day(day: dt.date) -> dt.date:
    """The day itself if it is a working day, otherwise the next one."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def periodic_due(anchor: dt.date, weeks: int) -> dt.date:
    """A periodic review falls `weeks` after the anchor (the order start or the last
    completed review); one landing on a weekend or bank holiday moves to the next
    working day, when the officer is at work to do it."""
    return next_working_day(anchor + dt.timedelta(weeks=weeks))


def review_state(due_on: dt.date, today: dt.date) -> str:
    """ "overdue", "due_soon" (within the reminder window) or "due"."""
    if due_on < today:
        return "overdue"
    if due_on <= today + dt.timedelta(days=REMINDER_DAYS_BEFORE):
        return "due_soon"
    return "due"


def due_for_reminder(due_on: dt.date, today: dt.date) -> bool:
    return today <= due_on <= today + dt.timedelta(days=REMINDER_DAYS_BEFORE)


def overdue_for_area_manager(due_on: dt.date, today: dt.date) -> bool:
    # Calendar days: two weeks late is the point a manager above the SPO hears of it.
    return (today - due_on).days >= OVERDUE_TO_AREA_MANAGER_DAYS


def repeated_sections(
    previous: dict[str, str], current: dict[str, str], *, changes_exist: bool
) -> list[str]:
    """Sections whose text repeats the last review word for word although things have
    happened since: the inspectors' finding that reviews stayed the same despite change."""
    if not changes_exist:
        return []
    return [
        name
        for name in SECTIONS
        if (current.get(name) or "").strip()
        and _normalise(current.get(name)) == _normalise(previous.get(name))
    ]


def _normalise(text: str | None) -> str:
    return " ".join((text or "").split()).lower()


def grid_shortfall(
    *, contacts: int, face_to_face: int, minimum_contacts: int, minimum_face_to_face: int
) -> bool:
    return contacts < minimum_contacts or face_to_face < minimum_face_to_face


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def count_events(changes: dict) -> int:
    """How many things happened, from a changes_since() snapshot."""
    total = changes.get("contacts", {}).get("total", 0)
    for key in EVENT_LISTS:
        total += len(changes.get(key, []))
    return total


EVENT_LISTS: Iterable[str] = (
    "registrations_added",
    "registrations_ended",
    "risk_changes",
    "tier_changes",
    "information_requests_answered",
    "significant_changes",
    "enforcement",
    "escalations",
    "contact_level_changes",
)
