"""The home page's work list: what each member of staff has to do, from every app.

crc never imports a domain app, so the apps plug in here from AppConfig.ready(), as
they do for the dashboards' sections (crc/dashboards/registry.py). A provider is a
callable `(user, *, today) -> list[WorkGroup]`; it returns nothing for a role it has no
work for, and must run a fixed number of queries however many records the user has
(counts and a short, sliced list; never a loop of queries over rows).

Registering the same key twice replaces the first (ready() may run more than once).
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, Window

# How many rows a group lists under its count before "see all" takes over.
ROWS_SHOWN = 5


@dataclass(frozen=True)
class WorkRow:
    text: str
    url: str
    hint: str = ""  # e.g. a due date, shown after the link


@dataclass(frozen=True)
class WorkItem:
    """One thing to do, as a count linking to where the work is done."""

    label: str
    count: int
    url: str
    overdue: bool = False  # shown as a red tag: the deadline has passed
    rows: Sequence[WorkRow] = ()


@dataclass(frozen=True)
class WorkGroup:
    title: str
    order: int
    items: Sequence[WorkItem] = field(default_factory=tuple)

    @property
    def outstanding(self) -> int:
        return sum(item.count for item in self.items)


def item_from(
    label: str, queryset: QuerySet, url: str, row: Callable, *, overdue: bool = False
) -> WorkItem:
    """An item from a queryset: how many it holds and its first ROWS_SHOWN rows, in one
    query. The count is a window over every row the filter keeps (taken before the
    LIMIT), so it equals queryset.count(); a count and a slice were two queries, each
    built, compiled and planned, for every item of every home page. `row` turns an
    object into its WorkRow. Not for a distinct() queryset (the window counts rows
    before DISTINCT)."""
    if queryset.query.distinct:
        raise ValueError("item_from() counts rows before DISTINCT: pass a plain queryset")
    objects = list(queryset.annotate(work_list_total=Window(Count("pk")))[:ROWS_SHOWN])
    count = objects[0].work_list_total if objects else 0
    return WorkItem(
        label=label, count=count, url=url, overdue=overdue, rows=[row(o) for o in objects]
    )


Provider = Callable[..., list[WorkGroup]]

_providers: dict[str, Provider] = {}


def register_provider(key: str, provider: Provider) -> None:
    _providers[key] = provider


def unregister_provider(key: str) -> None:
    _providers.pop(key, None)


def work_list(user, *, today: dt.date) -> list[WorkGroup]:
    """Every registered provider's groups for this user, in order, empty groups dropped."""
    groups: list[WorkGroup] = []
    for key in sorted(_providers):
        groups.extend(g for g in _providers[key](user, today=today) if g.items)
    return sorted(groups, key=lambda g: (g.order, g.title))
