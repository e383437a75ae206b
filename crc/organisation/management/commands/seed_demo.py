"""Build a realistic demo CRC: `manage.py seed_demo [--scale small|london|national] [--seed N]`.

Deterministic for a given seed and idempotent. It refuses to run with DEBUG off
unless --force, because it creates accounts with a published password. Progress (items,
rate) goes to stderr, each seeder's time to stdout.
"""

import json
import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from crc.bulkload import CreatedHistory, foreign_keys_checked_at_end
from crc.organisation.demo import SCALES, DemoContext, seeders


class Command(BaseCommand):
    help = "Create demo data (organisation, staff, partners, and each app's records)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never in production)."
        )

    def handle(self, *args, scale: str, seed: int, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password; it refuses to run "
                "with DEBUG off. Use --force only on a throwaway database."
            )
        ctx = DemoContext(rng=random.Random(seed), scale=scale, log=self.stdout.write)
        started = time.monotonic()
        with transaction.atomic():
            with foreign_keys_checked_at_end():
                # Reference rows the migrations wrote (prisons, policies) have no history.
                CreatedHistory(everything=True).fill(change_reason="Reference data")
                for seeder in seeders():
                    self._run(ctx, seeder)
                checking = time.monotonic()
            self.stdout.write(f"  foreign key check: {time.monotonic() - checking:.1f}s")
            committing = time.monotonic()
        self.stdout.write(f"  commit: {time.monotonic() - committing:.1f}s")
        self._analyze()
        path = settings.VAR_DIR / "demo-credentials.json"
        path.write_text(json.dumps(ctx.credentials, indent=2))
        path.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready ({scale}, seed {seed}) in {time.monotonic() - started:.1f}s. "
                f"Sign-in details: {path}"
            )
        )

    def _analyze(self) -> None:
        """Give the planner statistics for what was just written.

        Servers tuned for bulk loads (and this project's benchmark server) run with
        autovacuum off, and even with it on the first pages served after a seed would be
        planned on empty-table guesses until autovacuum caught up.
        """
        if connection.vendor != "postgresql":
            return
        began = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"  analyze: {time.monotonic() - began:.1f}s")

    def _run(self, ctx: DemoContext, seeder) -> None:
        began = time.monotonic()
        created = CreatedHistory()
        seeder.run(ctx)
        filled = created.fill()
        if filled:
            ctx.log(
                f"{seeder.name}: history for bulk-written rows: "
                + ", ".join(f"{m.__name__} {n}" for m, n in filled.items())
            )
        self.stdout.write(f"  {seeder.name}: {time.monotonic() - began:.1f}s")
