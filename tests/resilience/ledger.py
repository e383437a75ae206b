"""The delivery ledger: did every notification arrive, and arrive once?

Fault tests and bench/chaos.py feed it what should have been delivered (one key per
outbox message and recipient) and what was (one key per inbox row and per e-mail).
Anything lost or duplicated fails the check, so it fails the build
(test_ledger.py shows it does).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass


class DeliveryError(AssertionError):
    """Notifications were lost or duplicated."""


@dataclass(frozen=True)
class Ledger:
    expected: int
    delivered: int
    lost: tuple
    duplicated: tuple
    unexpected: tuple

    @property
    def ok(self) -> bool:
        return not (self.lost or self.duplicated or self.unexpected)

    def summary(self) -> str:
        return (
            f"expected {self.expected}, delivered {self.delivered}, lost {len(self.lost)}, "
            f"duplicated {len(self.duplicated)}, unexpected {len(self.unexpected)}"
        )


def reconcile(expected: Iterable[Hashable], delivered: Iterable[Hashable]) -> Ledger:
    expected_keys = list(expected)
    if len(set(expected_keys)) != len(expected_keys):
        raise ValueError("Each expected delivery needs its own key")
    counts = Counter(delivered)
    wanted = set(expected_keys)
    return Ledger(
        expected=len(expected_keys),
        delivered=sum(counts[key] for key in wanted),
        lost=tuple(sorted((k for k in wanted if counts[k] == 0), key=str)),
        duplicated=tuple(sorted((k for k in wanted if counts[k] > 1), key=str)),
        unexpected=tuple(sorted((k for k in counts if k not in wanted), key=str)),
    )


def check_exactly_once(
    expected: Iterable[Hashable], delivered: Iterable[Hashable], what: str = "notifications"
) -> Ledger:
    """Raise DeliveryError unless each expected key was delivered exactly once."""
    ledger = reconcile(expected, delivered)
    if not ledger.ok:
        raise DeliveryError(
            f"{what}: {ledger.summary()}; lost {list(ledger.lost)[:5]}, "
            f"duplicated {list(ledger.duplicated)[:5]}, unexpected {list(ledger.unexpected)[:5]}"
        )
    return ledger
