"""The demo-data registry behind `manage.py seed_demo`.

Each app registers a seeder for its own tables (crc never imports the domain apps);
seeders run in `order` and share one DemoContext, so a run is deterministic for a
given --seed and idempotent: seeders look rows up by natural keys before creating.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

Scale = Literal["small", "london"]


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
