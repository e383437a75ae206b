"""Stored idempotent outcomes (crc.api.idempotency) as a record type for retention
(crc.retention): a row holds the response body sent to a partner (case data) and the
cases it disclosed, so it is kept only for its period after the request first arrived,
then erased.

A key is only useful while a partner might retry the request it protects (seconds to
days); once its row is erased, a retry with the same key runs as a new request.
"""

import datetime as dt

from django.utils import timezone

from crc.api.models import IdempotencyRecord
from crc.retention import registry

RECORD_TYPE = "idempotency_record"


def _due(cutoff: dt.date):
    before = timezone.make_aware(dt.datetime.combine(cutoff + dt.timedelta(days=1), dt.time()))
    rows = (
        IdempotencyRecord.objects.filter(created_at__lt=before)
        .order_by("created_at", "pk")
        .values_list("pk", "created_at")
    )
    for pk, created_at in rows.iterator():
        # No key: a hold names a case by its CRN, and these rows are not a case's record.
        yield registry.Due(pk=pk, key="", since=timezone.localtime(created_at).date())


def _erase(due: list[registry.Due]) -> dict[str, int]:
    # Nothing points at these rows and they have no history table: a plain delete.
    deleted, _ = IdempotencyRecord.objects.filter(pk__in=[d.pk for d in due]).delete()
    return {IdempotencyRecord._meta.label: deleted}


def register() -> None:
    registry.register(
        registry.RecordType(
            key=RECORD_TYPE,
            label="Stored API responses (Idempotency-Key)",
            due=_due,
            erase=_erase,
        )
    )
