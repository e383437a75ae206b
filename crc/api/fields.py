"""Input fields the partner endpoints share."""

import datetime as dt

from rest_framework import serializers

# As crc.forms_adapter's dates and cases.api.filters' poll instants: outside these an
# instant is a typing slip. Before 1900 it would also come back in London's local mean
# time (-00:01:15), which is not an RFC 3339 date-time (schemathesis found it).
EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2199, 12, 31, 23, 59, 59, tzinfo=dt.UTC)
# Real UTC offsets run from -12:00 to +14:00.
MAX_OFFSET = dt.timedelta(hours=14)


class InstantField(serializers.DateTimeField):
    """An ISO 8601 date-time with a real-world offset, between 1900 and 2199: anything
    else is a 400 naming the field."""

    default_error_messages = {
        "offset": "Give a UTC offset between -12:00 and +14:00.",
        "range": "Give a date and time between 1900 and 2199.",
    }

    def to_internal_value(self, value):
        offset = None
        if isinstance(value, str):
            try:
                parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            except ValueError:
                parsed = None
            offset = parsed.utcoffset() if parsed is not None else None
        if offset is not None and abs(offset) > MAX_OFFSET:
            self.fail("offset")
        instant = super().to_internal_value(value)
        if not EARLIEST <= instant <= LATEST:
            self.fail("range")
        return instant
