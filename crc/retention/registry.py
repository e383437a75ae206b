"""What can be erased, registered by the app that owns it (crc never imports a domain
app). A record type says which of its records have passed a cut-off date and how to
erase a batch of them."""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Due:
    """One record past its period: its id, the key a hold names it by (a CRN) and the
    date its period is counted from. Never its content."""

    pk: int
    key: str
    since: dt.date


@dataclass(frozen=True)
class RecordType:
    key: str
    label: str
    # Every record counted from a date on or before `cutoff`, oldest first.
    due: Callable[[dt.date], Iterable[Due]]
    # Erase these records and everything that hangs off them, in the caller's
    # transaction; returns rows erased per table.
    erase: Callable[[list[Due]], dict[str, int]]
    # The access log's own rows can only be erased with the table owner's rights
    # (crc.access.append_only), which the worker does not hold: the owner runs them.
    owner_only: bool = False


_TYPES: dict[str, RecordType] = {}


def register(record_type: RecordType) -> None:
    _TYPES[record_type.key] = record_type


def record_types() -> list[RecordType]:
    return sorted(_TYPES.values(), key=lambda t: t.key)


def record_type(key: str) -> RecordType:
    return _TYPES[key]
