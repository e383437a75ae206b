"""How dates and times are shown: stored in UTC, shown in Europe/London (GOV.UK style)."""

import datetime as dt

from django.utils import timezone


def _local(value: dt.datetime) -> dt.datetime:
    if timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def london_date(value: dt.date | dt.datetime | None, empty: str = "") -> str:
    """'5 January 2026': the GOV.UK date format."""
    if value is None:
        return empty
    if isinstance(value, dt.datetime):
        value = _local(value).date()
    return f"{value.day} {value:%B %Y}"


def london_time(value: dt.datetime | dt.time | None, empty: str = "") -> str:
    """'9am', '2:30pm': the GOV.UK time format."""
    if value is None:
        return empty
    if isinstance(value, dt.datetime):
        value = _local(value).time()
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value.minute:
        return f"{hour}:{value.minute:02d}{suffix}"
    return f"{hour}{suffix}"


def london_datetime(value: dt.datetime | None, empty: str = "") -> str:
    if value is None:
        return empty
    return f"{london_date(value)} at {london_time(value)}"
