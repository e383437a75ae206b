"""working_days_between counts by whole weeks; it must equal the day-by-day count."""

import datetime as dt
import random

from crc.workingdays import is_working_day, working_days_between


def day_by_day(start: dt.date, end: dt.date) -> int:
    count, current = 0, start
    while current < end:
        current += dt.timedelta(days=1)
        count += is_working_day(current)
    return count


def test_it_equals_the_day_by_day_count_over_spans_of_days_to_years():
    rng = random.Random(14)
    for _ in range(2000):
        start = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 1500))
        end = start + dt.timedelta(days=rng.randrange(-10, 900))
        assert working_days_between(start, end) == day_by_day(start, end), (start, end)


def test_christmas_and_weekends_are_skipped():
    # Fri 22 Dec 2023 -> Tue 2 Jan 2024: 27, 28, 29 Dec and 2 Jan (25, 26 Dec and
    # 1 Jan are bank holidays).
    assert working_days_between(dt.date(2023, 12, 22), dt.date(2024, 1, 2)) == 4
    assert working_days_between(dt.date(2024, 1, 2), dt.date(2024, 1, 2)) == 0
