"""Running the demo seeders in tests: a small, quiet and reproducible DemoContext, so a
seeder's test draws the same world on every run and prints nothing."""

import random
from collections.abc import Collection

from crc.organisation.demo import DemoContext, seeders


def quiet_demo_context(seed: int) -> DemoContext:
    """A small-scale DemoContext drawing from `random.Random(seed)`, with its log silenced."""
    return DemoContext(rng=random.Random(seed), scale="small", log=lambda _: None)


def run_seeders(names: Collection[str], *, seed: int = 7) -> None:
    """Run the registered demo seeders named in `names`, in their registered order."""
    ctx = quiet_demo_context(seed)
    for seeder in seeders():
        if seeder.name in names:
            seeder.run(ctx)
