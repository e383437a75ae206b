import datetime as dt

from django import forms
from django_filters import rest_framework as filters
from django_filters.fields import IsoDateTimeField

from cases.models import InformationRequest, InformationRequestStatus

# Real UTC offsets run from -12:00 to +14:00; PostgreSQL refuses anything beyond ±15:59
# with a server error, and years before 1900 are never a meaningful poll position.
MAX_OFFSET = dt.timedelta(hours=14)
EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)


class PollInstantField(IsoDateTimeField):
    """An ISO 8601 instant with a real-world offset, so a strange value is a 400 with a
    field error instead of a database error."""

    def clean(self, value):
        cleaned = super().clean(value)
        if cleaned is None:
            return None
        offset = cleaned.utcoffset()
        if offset is not None and abs(offset) > MAX_OFFSET:
            raise forms.ValidationError("Give a UTC offset between -12:00 and +14:00.")
        if cleaned < EARLIEST:
            raise forms.ValidationError("Give an instant after 1 January 1900.")
        return cleaned


class PollInstantFilter(filters.IsoDateTimeFilter):
    field_class = PollInstantField


class InformationRequestFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=InformationRequestStatus.choices)
    updated_after = PollInstantFilter(
        field_name="updated_at",
        lookup_expr="gt",
        help_text="Only requests changed after this instant (ISO 8601, with offset). "
        "Poll with the updated_at of the last request you saw.",
    )

    class Meta:
        model = InformationRequest
        fields = ["status", "updated_after"]
