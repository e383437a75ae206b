"""The case timeline: a registry of event sources, and the one page read that merges them.

The timeline page shows nothing of its own. Each wing of `cases` (and each app that hangs
off a case) registers *sources*; a source is

- a `kind`: the stable key of its events, used in the filter's query string
  (`?kind=contact`) and as the `data-kind` of each event on the page;
- a `label`: what the filter shows for it ("Contacts");
- a `reader`: `reader(case, *, limit, see_sensitive) -> Iterable[TimelineEvent]`, the
  paging contract below;
- an `order`: where it sits in the filter and, for events at the same instant, on the
  page (lower first; equal orders keep registration order);
- `sensitive_detail_for`: the relationships to the case (crc.access) that may read the
  detail of sensitive events. The reader is told the answer as `see_sensitive`; by
  default only the allocated officer and their line manager read it.

The paging contract
-------------------
A page is PAGE_SIZE events of the merged list, newest first. The first page*PAGE_SIZE
events of the merged list are always among the first page*PAGE_SIZE of each source, so
each reader is asked for `limit = page*PAGE_SIZE + 1` (the extra one tells whether a
next page exists). A reader must

- yield *at least* its `limit` newest events when it has that many (more is harmless:
  a reader that reads two lists may take `limit` of each), in any order;
- run a fixed number of queries whatever the number of rows (`select_related` what the
  event shows), so the page's query count never grows with the case's history;
- hold back the detail of a sensitive event when `see_sensitive` is false (say what it
  is, not what was said).

Events are merged and sorted by `when`, newest first; events at the same instant keep
the order of their sources. The page number is capped at MAX_PAGE, which bounds the
rows read.

Adding events from another app
------------------------------
An app that hangs off a case (unpaid work, resettlement, interventions) adds its events
with no edit to `cases/`. In its own module, e.g. `unpaidwork/timeline.py`:

    from cases.timeline import TimelineEvent, person, register_source

    def sessions(case, *, limit, see_sensitive):
        rows = (
            WorkSession.objects.filter(placement__case=case)
            .select_related("supervisor")
            .order_by("-started_at")[:limit]
        )
        for s in rows:
            yield TimelineEvent(
                "unpaid_work", s.started_at, f"Unpaid work: {s.hours} hours",
                text=s.notes, byline=person(s.supervisor),
            )

    def register() -> None:
        register_source(kind="unpaid_work", label="Unpaid work", reader=sessions, order=110)

and in `unpaidwork/apps.py`:

    class UnpaidWorkConfig(AppConfig):
        name = "unpaidwork"

        def ready(self) -> None:
            from unpaidwork import timeline
            timeline.register()

A reader of that common shape (a case's rows, newest first by one field, one event each,
bylined with the member of staff who did it) can be one call to `newest_events(...)`.

The filter, the page, paging and the query-count tests pick the source up from the
registry. Pick an `order` after the existing kinds (they use 10 to 100) unless the new
events belong beside one of them. Tests that need a source of their own use
`source_registered(...)`, which removes it again on exit.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from cases.contacts.sensitivity import SENSITIVE_DETAIL_FOR, may_read_sensitive_detail
from crc.access.policy import Relationship

LONDON = ZoneInfo("Europe/London")
PAGE_SIZE = 30
# Deep pages cost page*PAGE_SIZE rows per source; nobody reads 20 pages of a timeline.
MAX_PAGE = 20
# Sources registered without an order come after the kinds `cases` registers itself.
DEFAULT_ORDER = 1000

# Who reads the detail of sensitive events by default (SENSITIVE_DETAIL_FOR, above) is
# the one rule in cases.contacts.sensitivity: the Contacts tab and the admin ask it too.

KIND_PATTERN = re.compile(r"[a-z][a-z0-9_]*")


@dataclass
class TimelineEvent:
    kind: str
    when: dt.datetime
    title: str
    text: str = ""
    byline: str = ""
    date_only: bool = False


class Reader(Protocol):
    """One source's events for one case: at least its `limit` newest (the paging contract)."""

    def __call__(self, case, *, limit: int, see_sensitive: bool) -> Iterable[TimelineEvent]: ...


@dataclass(frozen=True)
class TimelineSource:
    kind: str
    label: str
    reader: Reader
    order: int = DEFAULT_ORDER
    sensitive_detail_for: frozenset[Relationship] = SENSITIVE_DETAIL_FOR


class TimelineSourceError(ValueError):
    """A source that cannot be registered (or removed) as asked."""


# kind -> source, in registration order (dicts keep it), which breaks ties of `order`.
_registry: dict[str, TimelineSource] = {}


def register_source(
    *,
    kind: str,
    label: str,
    reader: Reader,
    order: int = DEFAULT_ORDER,
    sensitive_detail_for: Iterable[Relationship] = SENSITIVE_DETAIL_FOR,
) -> TimelineSource:
    """Add a source of events to every case's timeline. Call it once, from an
    AppConfig.ready() (or a wing's hooks.ready()); a kind registered twice is an error."""
    if not KIND_PATTERN.fullmatch(kind or ""):
        raise TimelineSourceError(
            f"Timeline kind {kind!r} must be lower-case letters, digits and underscores, "
            "starting with a letter: it is used in the timeline's query string."
        )
    if kind in _registry:
        existing = _registry[kind]
        raise TimelineSourceError(
            f"Timeline kind {kind!r} is already registered (label {existing.label!r}, "
            f"reader {_reader_name(existing.reader)}); each kind is registered once. "
            f"Choose another kind for {_reader_name(reader)}."
        )
    if not callable(reader):
        raise TimelineSourceError(f"The reader for timeline kind {kind!r} is not callable.")
    source = TimelineSource(
        kind=kind,
        label=label,
        reader=reader,
        order=order,
        sensitive_detail_for=frozenset(sensitive_detail_for),
    )
    _registry[kind] = source
    return source


def unregister_source(kind: str) -> TimelineSource:
    """Remove a source (for tests: the application registers its sources for good)."""
    try:
        return _registry.pop(kind)
    except KeyError:
        raise TimelineSourceError(f"No timeline source with kind {kind!r} is registered.") from None


@contextmanager
def source_registered(**source) -> Iterator[TimelineSource]:
    """A source on the timeline for the duration of a `with` block (or a test fixture)."""
    registered = register_source(**source)
    try:
        yield registered
    finally:
        unregister_source(registered.kind)


def sources() -> list[TimelineSource]:
    """Every registered source in the order the filter and the page use."""
    return sorted(_registry.values(), key=lambda source: source.order)


def kind_choices() -> list[tuple[str, str]]:
    """(kind, label) for the filter, in order."""
    return [(source.kind, source.label) for source in sources()]


def case_timeline(case, *, viewer, kinds: set[str], page: int) -> tuple[list, bool]:
    """One page of the case's events of the given kinds, newest first, and whether
    there is a next page. One reader call per chosen source; see the paging contract."""
    page = max(1, min(page, MAX_PAGE))
    limit = page * PAGE_SIZE + 1
    chosen = [source for source in sources() if source.kind in kinds]
    events: list[TimelineEvent] = []
    for source in chosen:
        see_sensitive = may_read_sensitive_detail(
            viewer, case, relationships=source.sensitive_detail_for
        )
        events.extend(source.reader(case, limit=limit, see_sensitive=see_sensitive))
    # A stable sort: events at the same instant stay in the order of their sources.
    events.sort(key=lambda event: event.when, reverse=True)
    start = (page - 1) * PAGE_SIZE
    return events[start : start + PAGE_SIZE], len(events) > page * PAGE_SIZE


# --- Helpers the readers share ----------------------------------------------------------


def person(user) -> str:
    """How a member of staff is named in a byline ("" when nobody is recorded)."""
    return (user.get_full_name() or user.username) if user is not None else ""


def newest_events(
    kind: str,
    rows,
    *,
    limit: int,
    when: str,
    title: Callable[[Any], str],
    text: Callable[[Any], str],
    by: str | None = None,
    byline: Callable[[Any], str] | None = None,
    then_by_id: bool = False,
) -> Iterator[TimelineEvent]:
    """The reader most sources are: a queryset of the case's rows, its `limit` newest by
    the `when` field (the paging contract), one event each at that instant, bylined with
    the member of staff in the `by` field (fetched in the same query). Written once so
    every such reader pages and bylines alike. `byline` replaces that byline where a row
    may name someone else (a partner, a system); `then_by_id` puts rows at the same
    instant newest-created first. Sensitive detail is held back by `text` itself (a
    closure over `see_sensitive`). A reader whose rows make several events each, or that
    orders on other fields, writes its own loop."""
    if by:
        rows = rows.select_related(by)
    byline = byline or (lambda row: person(getattr(row, by) if by else None))
    order = (f"-{when}", "-id") if then_by_id else (f"-{when}",)
    for row in rows.order_by(*order)[:limit]:
        yield TimelineEvent(
            kind, getattr(row, when), title(row), text=text(row), byline=byline(row)
        )


def at_midnight(day: dt.date) -> dt.datetime:
    """A date-only event's place on the timeline: the start of its day in London."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=LONDON)


def _reader_name(reader) -> str:
    module = getattr(reader, "__module__", "?")
    return f"{module}.{getattr(reader, '__qualname__', repr(reader))}"
