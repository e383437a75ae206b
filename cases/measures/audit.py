"""What quality audits read from and write to the case record."""

import datetime as dt

from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from cases.measures.figures import active
from cases.models import Case, Order, OrderStatus
from cases.notify import case_notify, spos_for
from cases.reviews.services import oversight_record
from crc.dashboards.registry import PopulationCase

# --- Audits -------------------------------------------------------------------------------


def audit_population(cases: QuerySet, *, started_from: dt.date, started_to: dt.date) -> list:
    """Active cases whose supervision began in the window (the start, or the release for
    a licence, of the newest active order), with their strata: one query."""
    newest = Order.objects.filter(case=OuterRef("pk"), status=OrderStatus.ACTIVE).order_by(
        "-start_date", "-id"
    )
    rows = (
        active(cases)
        .annotate(
            began=Subquery(
                newest.annotate(began=Coalesce("release_date", "start_date")).values("began")[:1]
            ),
            disposal=Subquery(newest.values("order_type")[:1]),
        )
        .filter(began__gte=started_from, began__lte=started_to)
        .order_by("pk")
        .values_list("pk", "sex", "disposal", "rosh_overall", "began", "responsible_officer_id")
    )
    return [PopulationCase(*row) for row in rows]


def audit_finding_record(*, case_id: int, by, text: str):
    """An audit's findings on a case, as management oversight the officer and their SPO
    see on the case (and are told about)."""
    case = Case.objects.select_related("responsible_officer").get(pk=case_id)
    entry = oversight_record(case=case, by=by, text=text)
    people = [case.responsible_officer, *spos_for(case)]
    case_notify(
        case=case,
        people=people,
        subject=f"Quality audit findings: {case.crn}",
        body="A quality audit of this case has been recorded as management oversight.",
        tab="",
        category="oversight",
        dedupe_key=f"audit-finding:{entry.pk}",
    )
    return entry
