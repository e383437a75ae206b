"""Monthly trends over the last 12 months: one aggregate query a series (a table)."""

import datetime as dt

from django.db.models import Count, F, Q, QuerySet
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
    return _monthly_series(queryset, field, months, n=Q())["n"]


def _monthly_series(
    queryset: QuerySet, field: str, months: list[dt.date], **series: Q
) -> dict[str, list[int]]:
    """Counts per month of the rows meeting each condition in `series`, in one query:
    series over the same table read it once (issue 14: contacts are millions of rows)."""
    is_datetime = queryset.model._meta.get_field(field).get_internal_type() == "DateTimeField"
    since = start_of_day(months[0]) if is_datetime else months[0]
    rows = (
        queryset.filter(**{f"{field}__gte": since})
        .annotate(month=TruncMonth(field))
        .values("month")
        .annotate(**{key: Count("pk", filter=condition) for key, condition in series.items()})
        .values_list("month", *series)
    )
    counts: dict[str, dict[dt.date, int]] = {key: {} for key in series}
    for month, *values in rows:
        if isinstance(month, dt.datetime):
            # TruncMonth gives the London month's start as an aware datetime.
            month = timezone.localtime(month).date()
        for key, n in zip(series, values, strict=True):
            counts[key][month] = counts[key].get(month, 0) + n
    return {key: [counts[key].get(month, 0) for month in months] for key in series}


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
    a series; the two contact series in one), with "months" (the first of each month,
    oldest first)."""
    months = trend_months(today or timezone.localdate())
    in_scope = cases.values("pk")
    reviews_done = Review.objects.filter(case__in=in_scope, status=ReviewStatus.COMPLETE)
    with_person = Q(contact_type__in=CONTACT_WITH_PERSON_TYPES, outcome__in=SEEN_OUTCOMES)
    failures = Q(outcome__in=FAILURE_OUTCOMES)
    contacts = _monthly_series(
        Contact.objects.filter(case__in=in_scope).filter(with_person | failures),
        "happened_at",
        months,
        contacts_with_person=with_person,
        failures_to_comply=failures,
    )
    return {
        "months": months,
        "orders_started": _monthly(Order.objects.filter(case__in=in_scope), "start_date", months),
        **contacts,
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
