"""Interventions' section of the managers' dashboards (issue 13): referrals, starts,
completions and time to start over the last 12 months, for the cases the viewer's
dashboard counts (already scoped through crc.access). The same definitions as
interventions.selectors' measures (a start is a first attended session), narrowed to
those cases. Registered from InterventionsConfig.ready(); a fixed number of queries.
"""

import datetime as dt
import statistics

from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from crc.dashboards.registry import DashboardSection, Figure
from interventions import rules
from interventions.models import AppointmentKind, Referral

PERIOD = dt.timedelta(days=365)
REFERRED = "iv_cases_referred"


def _sent(cases: QuerySet, today: dt.date) -> QuerySet:
    since = timezone.make_aware(dt.datetime.combine(today - PERIOD, dt.time.min))
    return Referral.objects.filter(case__in=cases.values("pk"), sent_at__gte=since)


def _referred(cases_referred: int) -> Figure:
    return Figure(REFERRED, "Cases referred in the last 12 months", cases_referred)


def interventions_case_figures(cases: QuerySet, *, today: dt.date) -> list[Figure]:
    """The one figure with cases behind it, counted alone (the home page's work list
    shows no other): no join to every referral's sessions."""
    return [_referred(_sent(cases, today).values("case_id").distinct().count())]


def interventions_figures(cases: QuerySet, *, today: dt.date) -> list[Figure]:
    sent = _sent(cases, today).annotate(
        started=Min(
            "appointments__starts_at",
            filter=Q(
                appointments__kind=AppointmentKind.SESSION,
                appointments__attendance__in=rules.ATTENDED,
            ),
        )
    )
    rows = list(sent.values_list("case_id", "status", "sent_at", "started"))
    concluded = [status for _c, status, _s, _f in rows if status in rules.CONCLUDED]
    days = [(started - sent_at).days for _c, _s, sent_at, started in rows if started]
    return [
        _referred(len({r[0] for r in rows})),
        Figure(
            "iv_starts",
            "Referrals started (a session attended), of referrals sent",
            len(days),
            denominator=len(rows),
            drill_down=False,
        ),
        Figure(
            "iv_completed",
            "Referrals completed, of referrals concluded",
            sum(1 for status in concluded if status == rules.ReferralStatus.COMPLETED),
            denominator=len(concluded),
            drill_down=False,
        ),
        Figure(
            "iv_days_to_start",
            "Median days from referral to first session",
            round(statistics.median(days)) if days else 0,
            drill_down=False,
        ),
    ]


def interventions_cases_behind(key: str, cases: QuerySet, *, today: dt.date) -> QuerySet:
    if key != REFERRED:
        raise LookupError(f"No interventions figure {key!r} with cases behind it")
    return cases.filter(pk__in=_sent(cases, today).values("case_id"))


SECTION = DashboardSection(
    key="interventions",
    title="Interventions",
    order=40,
    figures=interventions_figures,
    drill_down=interventions_cases_behind,
    case_figures=interventions_case_figures,
)
