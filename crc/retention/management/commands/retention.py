"""Report (by default) or erase what has passed its retention period.

    manage.py retention                 # dry run: what would go, nothing changed
    manage.py retention --erase         # erase, in batches, every record type
    manage.py retention --type case     # one record type

The access log's own rows need the table owner's rights: run `--erase` for them with
the owner's DATABASE_URL (docs/adr/0016-retention.md). The nightly job erases
the other record types.
"""

from django.core.management.base import BaseCommand, CommandError

from crc.retention import registry, services


class Command(BaseCommand):
    help = "Report (dry run, the default) or erase records past their retention period."

    def add_arguments(self, parser):
        parser.add_argument("--erase", action="store_true", help="Erase; without it, report")
        parser.add_argument("--type", dest="record_type", help="Only this record type")
        parser.add_argument("--batch-size", type=int, default=services.DEFAULT_BATCH_SIZE)
        parser.add_argument("--max-batches", type=int, default=None)

    def handle(self, *args, erase, record_type, batch_size, max_batches, **options):
        known = [t.key for t in registry.record_types()]
        if record_type and record_type not in known:
            raise CommandError(f"Unknown record type {record_type!r}; known: {', '.join(known)}")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        for key in [record_type] if record_type else known:
            report = services.retention_erase(
                record_type=key, dry_run=not erase, batch_size=batch_size, max_batches=max_batches
            )
            self._print(report, erase)

    def _print(self, report, erase) -> None:
        if report.years is None:
            self.stdout.write(f"{report.label}: no retention period set, nothing erased")
            return
        head = f"{report.label}: kept {report.years} years (counted to {report.cutoff})"
        if not erase:
            self.stdout.write(
                f"{head}: {len(report.due)} would be erased, {report.kept} kept by a hold"
            )
            for due in report.due[:50]:
                self.stdout.write(f"  {due.key or due.pk}  (since {due.since})")
            if len(report.due) > 50:
                self.stdout.write(f"  … and {len(report.due) - 50} more")
            return
        self.stdout.write(
            f"{head}: {report.erased} erased in {report.batches} batches, "
            f"{len(report.due) - report.erased} left for the next run, {report.kept} kept"
        )
        for table, count in sorted(report.rows.items()):
            self.stdout.write(f"  {table}: {count} rows")
