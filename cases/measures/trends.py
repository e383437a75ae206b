"""Monthly trends over the last 12 months: one aggregate query a series."""

import datetime as dt

from django.db.models import Count, F, QuerySet
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from cases.measures.figures import SEEN_OUTCOMES, TREND_MONTHS, start_of_day
from cases.models import (
    CONTACT_WITH_PERSON_TYPES,
    FAILURE_OUTCOMES,
    Contact,
    Order,
    OversightEntry,
    Review,
    ReviewStatus,
    SignificantChange,
)

# --- Trends -------------------------------------------------------------------------------


def trend_months(today: dt.date, months: int = TREND_MONTHS) -> list[dt.date]:
    """The first day of each of the last `months` months, oldest first, ending with
    the current one."""
    index = today.year * 12 + today.month - 1
    return [_month(i) for i in range(index - months + 1, index + 1)]


def _month(index: int) -> dt.date:
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, 1)


def _monthly(queryset: QuerySet, field: str, months: list[dt.date]) -> list[int]:
    is_datetime = queryset.model._meta.get_field(field).get_internal_type() == "DateTimeField"
    since = start_of_day(months[0]) if is_datetime else months[0]
    rows = (
        queryset.filter(**{f"{field}__gte": since})
        .annotate(month=TruncMonth(field))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    counts: dict[dt.date, int] = {}
    for month, n in rows:
        if isinstance(month, dt.datetime):
            # TruncMonth gives the London month's start as an aware datetime.
            month = timezone.localtime(month).date()
        counts[month] = counts.get(month, 0) + n
    return [counts.get(month, 0) for month in months]


TRENDS = {
    "orders_started": "Orders and licences started",
    "contacts_with_person": "Contacts with the person",
    "failures_to_comply": "Failures to comply",
    "reviews_completed": "Reviews completed",
    "reviews_completed_late": "Reviews completed after their due date",
    "significant_changes": "Significant changes recorded",
    "oversight_entries": "Management oversight entries",
}


def monthly_trends(cases: QuerySet, *, today: dt.date | None = None) -> dict[str, list]:
    """Counts per London month over the last 12 months for the scoped cases (one query
    a series), with "months" (the first of each month, oldest first)."""
    months = trend_months(today or timezone.localdate())
    in_scope = cases.values("pk")
    reviews_done = Review.objects.filter(case__in=in_scope, status=ReviewStatus.COMPLETE)
    contacts = Contact.objects.filter(case__in=in_scope)
    return {
        "months": months,
        "orders_started": _monthly(Order.objects.filter(case__in=in_scope), "start_date", months),
        "contacts_with_person": _monthly(
            contacts.filter(contact_type__in=CONTACT_WITH_PERSON_TYPES, outcome__in=SEEN_OUTCOMES),
            "happened_at",
            months,
        ),
        "failures_to_comply": _monthly(
            contacts.filter(outcome__in=FAILURE_OUTCOMES), "happened_at", months
        ),
        "reviews_completed": _monthly(reviews_done, "completed_at", months),
        "reviews_completed_late": _monthly(
            reviews_done.annotate(done_on=TruncDate("completed_at")).filter(
                done_on__gt=F("due_on")
            ),
            "completed_at",
            months,
        ),
        "significant_changes": _monthly(
            SignificantChange.objects.filter(case__in=in_scope), "created_at", months
        ),
        "oversight_entries": _monthly(
            OversightEntry.objects.filter(case__in=in_scope), "created_at", months
        ),
    }
