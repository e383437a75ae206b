"""Role-aware navigation: the service menu and the home page's list of destinations.

Each link names the page it opens; who sees the link is crc.access's page table
(`may_use`), the same check the view makes.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from crc.access.pages import Page, may_use


@dataclass(frozen=True)
class NavItem:
    """One link: its text, the URL it opens, the page whose rule in crc.access decides who
    sees it, and the line under it on the home page."""

    text: str
    url_name: str
    page: Page
    description: str = ""


# The service menu, in the order it is shown. Every app's links stand here, named by URL
# name as crc/urls.py includes them, so crc imports no domain app.
MENU = (
    NavItem("Home", "home", Page.HOME),
    NavItem(
        "My caseload",
        "cases:caseload",
        Page.MY_CASELOAD,
        "Your cases: risk, tier, contact level and what is due.",
    ),
    NavItem(
        "Resettlement caseload",
        "resettlement:caseload",
        Page.RESETTLEMENT_CASELOAD,
        "The custody cases of your prison: screening, plans and release.",
    ),
    NavItem(
        "Referrals",
        "interventions:provider_home",
        Page.PROVIDER_REFERRALS,
        "Referrals made to your organisation: yours and those not yet picked up.",
    ),
    NavItem(
        "Team caseload",
        "cases:team_caseload",
        Page.TEAM_CASELOAD,
        "Your teams' cases, approvals waiting for you, escalations and allocation.",
    ),
    NavItem(
        "In custody",
        "resettlement:in_custody",
        Page.PEOPLE_IN_CUSTODY,
        "Your people in custody and who still needs a pre-release contact.",
    ),
    NavItem(
        "Appointments",
        "cases:appointments_needing_outcome",
        Page.APPOINTMENTS,
        "Past appointments on your cases that still need an outcome recorded.",
    ),
    NavItem(
        "Find a case",
        "cases:search",
        Page.SEARCH,
        "Search by CRN or name among the cases you may see.",
    ),
    NavItem(
        "Dashboards",
        "dashboards:dashboard",
        Page.DASHBOARDS,
        "Figures, workload and trends for the cases you oversee.",
    ),
    NavItem(
        "Add a case",
        "cases:create",
        Page.CASE_CREATE,
        "Record a new person on probation and their order.",
    ),
    NavItem(
        "Quality audits",
        "dashboards:audits",
        Page.QUALITY_AUDITS,
        "Draw a sample, answer the key questions per case, read the ratings.",
    ),
    NavItem(
        "Tasks",
        "cases:service_centre_tasks",
        Page.TASKS,
        "Warning letters, breach packs and referrals to do, overdue first.",
    ),
    NavItem(
        "My sessions",
        "unpaidwork:my_sessions",
        Page.UW_SESSIONS,
        "Today's and upcoming unpaid work sessions, and their registers.",
    ),
    NavItem(
        "Projects",
        "unpaidwork:projects",
        Page.UW_COORDINATION,
        "Unpaid work projects and their sessions.",
    ),
    NavItem(
        "Unpaid work orders",
        "unpaidwork:coordination_orders",
        Page.UW_COORDINATION,
        "Inductions, placements and the schedule of each open order.",
    ),
    NavItem(
        "Nominations",
        "unpaidwork:nominations",
        Page.UW_COORDINATION,
        "Community nominations of unpaid work waiting for review.",
    ),
    NavItem("Inbox", "notifications:inbox", Page.INBOX),
    NavItem(
        "Access log",
        "access:log",
        Page.ACCESS_LOG,
        "Who opened which case, when and why; export as CSV.",
    ),
)

_unread_counter: Callable[[object], int] | None = None


def register_unread_counter(counter: Callable[[object], int]) -> None:
    global _unread_counter
    _unread_counter = counter


def all_items() -> list[NavItem]:
    """Every link in the menu, whoever may follow it."""
    return list(MENU)


def visible_items(user) -> list[NavItem]:
    return [item for item in MENU if may_use(user, item.page)]


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
