"""The case record as a record type for retention (crc.retention): a case whose
supervision has ended is kept for its period after the end of its last order, then
erased with everything that hangs off it (orders, contacts, plans, reviews, unpaid work,
resettlement, referrals) and all their history."""

import datetime as dt

from django.db.models import Max
from django.db.models.functions import Coalesce

from cases.models import Case, CaseStatus
from crc.notifications.models import Notification, OutboxMessage
from crc.retention import erasure, registry


def _due(cutoff: dt.date):
    cases = (
        Case.objects.exclude(status=CaseStatus.ACTIVE)
        .annotate(ended=Max(Coalesce("orders__terminated_on", "orders__expected_end_date")))
        .filter(ended__lte=cutoff)
        .order_by("ended", "pk")
        .values_list("pk", "crn", "ended")
    )
    for pk, crn, ended in cases.iterator():
        yield registry.Due(pk=pk, key=crn, since=ended)


def _erase(due: list[registry.Due]) -> dict[str, int]:
    counts = erasure.erase_rows(Case, [d.pk for d in due])
    crns = [d.key for d in due]
    # Alerts about the case carry its details in their text; they go with it.
    for model in (Notification, OutboxMessage):
        deleted, _ = model.objects.filter(case_crn__in=crns).delete()
        if deleted:
            counts[model._meta.label] = deleted
    return counts


def register() -> None:
    registry.register(registry.RecordType(key="case", label="Case records", due=_due, erase=_erase))
