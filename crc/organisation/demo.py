"""The demo-data registry behind `manage.py seed_demo`.

Each app registers a seeder for its own tables (crc never imports the domain apps);
seeders run in `order` and share one DemoContext, so a run is deterministic for a
given --seed and idempotent: seeders look rows up by natural keys before creating.

Scales: `small` (the `make run` default), `london` (the inspection report's London CRC:
28,819 people, ~900 staff, two years of contact history) and `national` (England and
Wales: 260,000 people, ~8,000 staff, in London's proportions). A seeder that sizes its
data by hand uses `ctx.per_london(n)`: n at london, n in proportion at national.
"""

import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

Scale = Literal["small", "london", "national"]
SCALES: tuple[str, ...] = ("small", "london", "national")
PEOPLE = {"london": 28_819, "national": 260_000}


def _stderr(text: str) -> None:
    sys.stderr.write(text)
    sys.stderr.flush()


class Progress:
    """Items done, rate and elapsed time for one seeder step, on stderr: at most once a
    second on a terminal (rewriting the line), every ten seconds in a log."""

    def __init__(self, write: Callable[[str], None], label: str, total: int | None, unit: str):
        self.write, self.label, self.total, self.unit = write, label, total, unit
        self.done = 0
        self.started = self.shown = time.monotonic()
        isatty = getattr(sys.stderr, "isatty", None)
        self.tty = write is _stderr and bool(isatty and isatty())
        self.every = 1.0 if self.tty else 10.0

    def _line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        of = f"/{self.total:,}" if self.total else ""
        return (
            f"{self.label}: {self.done:,}{of} {self.unit} "
            f"({self.done / elapsed:,.0f}/s, {elapsed:,.0f}s)"
        )

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.shown >= self.every:
            self.shown = now
            self.write(("\r" if self.tty else "") + self._line() + ("" if self.tty else "\n"))

    def finish(self) -> None:
        self.write(("\r" if self.tty else "") + self._line() + " done\n")


@dataclass
class DemoContext:
    rng: random.Random
    scale: Scale
    log: Callable[[str], None]
    # What the credentials file will hold; seeders append to these lists.
    credentials: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {"staff": [], "partners": []}
    )
    # Shared between seeders (e.g. the organisation seeder's teams for the case seeder).
    shared: dict[str, Any] = field(default_factory=dict)
    # Where progress lines go (stderr); tests pass a no-op.
    progress_out: Callable[[str], None] = _stderr

    @property
    def large(self) -> bool:
        """London or national: the scales measured in bench/."""
        return self.scale in ("london", "national")

    def per_london(self, n: int) -> int:
        """n at london scale, in proportion at national; callers pick their small figure."""
        if self.scale == "national":
            return round(n * PEOPLE["national"] / PEOPLE["london"])
        return n

    def progress(self, label: str, total: int | None = None, unit: str = "rows") -> Progress:
        return Progress(self.progress_out, label, total, unit)


@dataclass(frozen=True)
class Seeder:
    order: int
    name: str
    run: Callable[[DemoContext], None]


_seeders: dict[str, Seeder] = {}


def register_seeder(*, order: int, name: str, run: Callable[[DemoContext], None]) -> None:
    _seeders[name] = Seeder(order=order, name=name, run=run)


def seeders() -> list[Seeder]:
    return sorted(_seeders.values(), key=lambda s: s.order)
