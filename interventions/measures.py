"""The measures the dashboards read (through these public functions only): referrals
by service and outcome, starts, completions, time to start, and delivery against the
Grid's suggestions. Each is a fixed number of queries over a period of sending."""

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db.models import Count, Min, Q

from interventions import rules
from interventions.models import AppointmentKind, Referral

S = rules.ReferralStatus


def _sent_between(start: dt.date, end: dt.date):
    return Referral.objects.filter(sent_at__date__gte=start, sent_at__date__lte=end)


def referrals_by_service_and_outcome(*, start: dt.date, end: dt.date) -> list[dict]:
    """One row per service and status: {"service", "status", "count"}."""
    rows = (
        _sent_between(start, end)
        .values("service__name", "status")
        .annotate(count=Count("id"))
        .order_by("service__name", "status")
    )
    return [
        {"service": r["service__name"], "status": r["status"], "count": r["count"]} for r in rows
    ]


def _first_sessions(start: dt.date, end: dt.date):
    return _sent_between(start, end).annotate(
        started=Min(
            "appointments__starts_at",
            filter=Q(
                appointments__kind=AppointmentKind.SESSION,
                appointments__attendance__in=rules.ATTENDED,
            ),
        )
    )


def starts(*, start: dt.date, end: dt.date) -> int:
    """Referrals sent in the period whose person attended at least one session."""
    return _first_sessions(start, end).filter(started__isnull=False).count()


def completions(*, start: dt.date, end: dt.date) -> dict[str, int]:
    """Concluded referrals sent in the period, by how they concluded."""
    rows = (
        _sent_between(start, end)
        .filter(status__in=rules.CONCLUDED)
        .values("status")
        .annotate(count=Count("id"))
    )
    counts = {status: 0 for status in (S.COMPLETED, S.ENDED_EARLY, S.CANCELLED)}
    counts.update({r["status"]: r["count"] for r in rows})
    return counts


@dataclass(frozen=True)
class TimeToStart:
    started: int
    median_days: float | None
    longest_days: int | None


def time_to_start(*, start: dt.date, end: dt.date) -> TimeToStart:
    """Days from sending to the first attended session, over referrals that started."""
    days = [
        (started - sent).days
        for sent, started in _first_sessions(start, end)
        .filter(started__isnull=False)
        .values_list("sent_at", "started")
    ]
    return TimeToStart(
        started=len(days),
        median_days=statistics.median(days) if days else None,
        longest_days=max(days) if days else None,
    )


@dataclass(frozen=True)
class SuggestionDelivery:
    referrals: int
    from_suggestion: int
    from_suggestion_started: int

    @property
    def share(self) -> float | None:
        return self.from_suggestion / self.referrals if self.referrals else None


def delivery_against_suggestions(*, start: dt.date, end: dt.date) -> SuggestionDelivery:
    """How many referrals were for a service the Grid suggested, and how many of those
    started: the inspectors' "a good range of services not consistently delivered"."""
    rows = list(_first_sessions(start, end).values_list("from_grid_suggestion", "started"))
    suggested = [started for from_grid, started in rows if from_grid]
    return SuggestionDelivery(
        referrals=len(rows),
        from_suggestion=len(suggested),
        from_suggestion_started=sum(1 for started in suggested if started is not None),
    )
