"""Role-aware navigation, filled by the apps that own the pages.

An app registers a link with the page it opens; who sees the link is crc.access's page
table (`may_use`), the same check the view makes. crc never imports the domain apps,
they call ``register`` from their AppConfig.ready().
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from crc.access.pages import Page, may_use


@dataclass(frozen=True)
class NavItem:
    key: str
    text: str
    url_name: str
    order: int
    page: Page
    description: str = ""


_items: dict[str, NavItem] = {}
_unread_counter: Callable[[object], int] | None = None


def register(*items: NavItem) -> None:
    for item in items:
        _items[item.key] = item


def register_unread_counter(counter: Callable[[object], int]) -> None:
    global _unread_counter
    _unread_counter = counter


def all_items() -> list[NavItem]:
    """Every registered link, whoever may follow it (in menu order)."""
    return sorted(_items.values(), key=lambda i: i.order)


def visible_items(user) -> list[NavItem]:
    return sorted((i for i in _items.values() if may_use(user, i.page)), key=lambda i: i.order)


def items_for(request: HttpRequest) -> list[dict]:
    """The user's links; the one whose address is the longest prefix of this page's is
    active (so /cases/team/ marks "Team caseload", not "My caseload" at /cases/)."""
    path = request.path
    result = [
        {"href": reverse(item.url_name), "text": item.text, "active": False}
        for item in visible_items(request.user)
    ]
    matches = [
        entry
        for entry in result
        if path == entry["href"] or (entry["href"] != "/" and path.startswith(entry["href"]))
    ]
    if matches:
        max(matches, key=lambda entry: len(entry["href"]))["active"] = True
    return result


def unread_count(request: HttpRequest) -> int:
    if _unread_counter is None:
        return 0
    # Cached on the request: the header and the inbox page both ask.
    if not hasattr(request, "_crc_unread_count"):
        request._crc_unread_count = _unread_counter(request.user)
    return request._crc_unread_count
