"""Retention: changing the periods and holds (with history), and the erasure itself.

`retention_erase` is idempotent: it erases what is past its period now, in batches of
`batch_size`, each batch in its own transaction, so a run cut short keeps the batches
it finished and the next run carries on. Every erased record gets an access-log row
naming the record (type, id, CRN) and the rule, never its content.
"""

import datetime as dt
import itertools
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from crc.access.models import AccessKind
from crc.access.services import access_log_record
from crc.domain import DomainError
from crc.history import attribute, save_as
from crc.retention import registry
from crc.retention.models import RetentionHold, RetentionPeriod
from crc.stale import version_check

DEFAULT_BATCH_SIZE = 100


def period_state(period: RetentionPeriod) -> dict:
    return {"years": period.years, "counted_from": period.counted_from}


@transaction.atomic
def retention_period_update(
    *, period: RetentionPeriod, by, years: int, counted_from: str, version: str | None = None
) -> RetentionPeriod:
    period = RetentionPeriod.objects.select_for_update().get(pk=period.pk)
    version_check(version, period_state(period), what="retention period")
    period.years = years
    period.counted_from = counted_from.strip()
    period.updated_by = by
    return save_as(period, by, clean=True)


@transaction.atomic
def retention_hold_place(*, record_type: str, key: str, reason: str, by) -> RetentionHold:
    key = key.strip().upper()
    if record_type not in {t.key for t in registry.record_types()}:
        raise DomainError("Choose a type of record", field="record_type")
    if not key:
        raise DomainError("Enter the record's reference, e.g. its CRN", field="key")
    if not reason.strip():
        raise DomainError("Say why the record must be kept", field="reason")
    if RetentionHold.objects.filter(record_type=record_type, key=key).exists():
        raise DomainError("This record is already kept", field="key")
    hold = RetentionHold(record_type=record_type, key=key, reason=reason.strip(), placed_by=by)
    return save_as(hold, by, clean=True)


@transaction.atomic
def retention_hold_release(*, hold: RetentionHold, by) -> None:
    hold = RetentionHold.objects.select_for_update().get(pk=hold.pk)
    attribute(hold, by)
    hold.delete()


@dataclass
class Report:
    record_type: str
    label: str
    years: int | None
    cutoff: dt.date | None
    due: list[registry.Due] = field(default_factory=list)
    kept: int = 0
    erased: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    batches: int = 0


def cutoff_for(years: int, today: dt.date) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _due_now(record_type: registry.RecordType, today: dt.date) -> Report:
    period = RetentionPeriod.objects.filter(record_type=record_type.key).first()
    if period is None:
        # No period set: nothing of this type is erased (fail closed).
        return Report(record_type.key, record_type.label, None, None)
    cutoff = cutoff_for(period.years, today)
    report = Report(record_type.key, record_type.label, period.years, cutoff)
    held = set(
        RetentionHold.objects.filter(record_type=record_type.key).values_list("key", flat=True)
    )
    for due in record_type.due(cutoff):
        if due.key and due.key in held:
            report.kept += 1
        else:
            report.due.append(due)
    return report


def _log(record_type: registry.RecordType, report: Report, batch: list[registry.Due]) -> None:
    rule = f"Retention: {report.label.lower()} kept {report.years} years, to {report.cutoff}"
    if record_type.owner_only:
        # One row for the batch: a row per erased log row would never shrink the log.
        access_log_record(
            kind=AccessKind.ERASURE,
            page=f"retention:{record_type.key}",
            reason=f"{rule}; {len(batch)} rows written up to {batch[-1].since} erased",
        )
        return
    for due in batch:
        access_log_record(
            kind=AccessKind.ERASURE,
            page=f"retention:{record_type.key}",
            case_crn=due.key if record_type.key == "case" else "",
            reason=f"{rule}; {record_type.key} {due.pk} erased",
        )


def retention_erase(
    *,
    record_type: str,
    dry_run: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_batches: int | None = None,
    today: dt.date | None = None,
) -> Report:
    kind = registry.record_type(record_type)
    report = _due_now(kind, today or timezone.localdate())
    if dry_run or not report.due:
        return report
    due = iter(list(report.due))
    while max_batches is None or report.batches < max_batches:
        batch = list(itertools.islice(due, batch_size))
        if not batch:
            break
        with transaction.atomic():
            for table, count in kind.erase(batch).items():
                report.rows[table] = report.rows.get(table, 0) + count
            _log(kind, report, batch)
        report.erased += len(batch)
        report.batches += 1
    return report


def retention_sweep(*, batch_size: int = DEFAULT_BATCH_SIZE, max_batches: int = 50) -> list[Report]:
    """The nightly job: every record type the worker may erase."""
    return [
        retention_erase(record_type=t.key, batch_size=batch_size, max_batches=max_batches)
        for t in registry.record_types()
        if not t.owner_only
    ]
