"""Reads of the access log with a shape."""

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from crc.access.models import AccessLog


def _start_of_day(day: dt.date) -> dt.datetime:
    # Days are London days: "from 30 March" starts at midnight London time, whether
    # that is 00:00 or 23:00 UTC.
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def access_log_search(
    *,
    username: str = "",
    crn: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    kind: str = "",
) -> QuerySet:
    """Access-log rows matching the filters, newest first, in one query per page."""
    queryset = AccessLog.objects.select_related("partner_organisation")
    if username:
        queryset = queryset.filter(username__iexact=username)
    if crn:
        queryset = queryset.filter(case_crn=crn)
    if date_from:
        queryset = queryset.filter(at__gte=_start_of_day(date_from))
    if date_to:
        # Up to the end of the "to" day, inclusive.
        queryset = queryset.filter(at__lt=_start_of_day(date_to + dt.timedelta(days=1)))
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("-at", "-id")
