"""Two (or more) callers at once, against PostgreSQL.

Each caller runs in its own thread with its own database connection, starts at the same
moment (a barrier) and holds its transaction open for `hold` seconds after its call, so
the callers' transactions overlap however quick the call is: a service that does not
lock what it checks would let both read the same version and both save.
"""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, connections, transaction

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL (CI runs these with DATABASE_URL set to it)",
)


@dataclass
class Outcome:
    value: Any = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def race(*calls: Callable[[], Any], hold: float = 0.3, atomic: bool = True) -> list[Outcome]:
    barrier = threading.Barrier(len(calls))
    outcomes = [Outcome() for _ in calls]

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            if atomic:
                with transaction.atomic():
                    outcomes[index].value = call()
                    time.sleep(hold)
            else:
                outcomes[index].value = call()
        except BaseException as error:  # noqa: BLE001 - reported to the test
            outcomes[index].error = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a caller never finished"
    return outcomes


def one_won(outcomes: list[Outcome], refused: type[BaseException] | tuple) -> Outcome:
    """The winner, after checking every other caller was refused with `refused`."""
    winners = [o for o in outcomes if o.ok]
    losers = [o for o in outcomes if not o.ok]
    assert len(winners) == 1, [o.error for o in outcomes]
    for loser in losers:
        assert isinstance(loser.error, refused), repr(loser.error)
    return winners[0]
