"""The access log as a record type: its rows are kept longer than the records they are
about, then erased by the table's owner (crc.access.append_only.maintenance)."""

import datetime as dt

from django.db import connection
from django.utils import timezone

from crc.access.append_only import TABLE, maintenance
from crc.access.models import AccessLog
from crc.retention import registry


def _due(cutoff: dt.date):
    before = timezone.make_aware(dt.datetime.combine(cutoff + dt.timedelta(days=1), dt.time()))
    rows = AccessLog.objects.filter(at__lt=before).order_by("at", "id").values_list("id", "at")
    for pk, at in rows.iterator():
        yield registry.Due(pk=pk, key="", since=timezone.localtime(at).date())


def _erase(due: list[registry.Due]) -> dict[str, int]:
    ids = [d.pk for d in due]
    if connection.vendor == "postgresql":
        # ALTER TABLE (in maintenance) refuses to run with deferred checks pending.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with maintenance(), connection.cursor() as cursor:
        placeholders = ", ".join(["%s"] * len(ids))
        # Only placeholders are formatted in; the ids are bound parameters.
        sql = f"DELETE FROM {TABLE} WHERE id IN ({placeholders})"  # noqa: S608
        cursor.execute(sql, ids)
        return {AccessLog._meta.label: cursor.rowcount}


def register() -> None:
    registry.register(
        registry.RecordType(
            key="access_log",
            label="Access-log rows",
            due=_due,
            erase=_erase,
            owner_only=True,
        )
    )
