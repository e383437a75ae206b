"""Working days: weekends and England and Wales bank holidays are skipped."""

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (start itself is not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 if end <= start).

    Counted by whole weeks, not day by day: the nightly RAR job asks this for every
    active order, over spans of up to years (tests/test_workingdays.py checks it against
    the day-by-day count)."""
    if end <= start:
        return 0
    first = start + dt.timedelta(days=1)
    weeks, extra = divmod((end - start).days, 7)
    tail = first + dt.timedelta(weeks=weeks)
    count = weeks * 5 + sum(
        1 for offset in range(extra) if (tail + dt.timedelta(days=offset)).weekday() < 5
    )
    for year in range(first.year, end.year + 1):
        count -= sum(1 for day in _bank_holidays(year) if first <= day <= end and day.weekday() < 5)
    return count
