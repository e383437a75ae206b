"""Page-level checks: which roles may use which page that is not one case's page.

Views (through `page_view`), navigation and templates all ask `may_use`, so a link is
shown exactly when following it would work. A page a role may not use is 404, as for
anything else they may not see.
"""

from enum import StrEnum

from crc.access import roles
from crc.access import unpaid_work as uw_access
from crc.access.interventions import PROVIDER_CASEWORKERS


class Page(StrEnum):
    HOME = "home"
    ACCOUNT = "account"  # own password, keep-alive: anyone signed in
    MY_CASELOAD = "my_caseload"
    TEAM_CASELOAD = "team_caseload"
    APPOINTMENTS = "appointments"  # past appointments needing an outcome
    SEARCH = "search"
    INBOX = "inbox"
    TASKS = "tasks"  # the service centre's task list
    CASE_CREATE = "case_create"
    ACCESS_LOG = "access_log"
    ADMIN_SITE = "admin_site"
    # --- Unpaid work (crc/access/unpaid_work.py) ---
    UW_SESSIONS = "uw_sessions"  # my sessions and their registers
    UW_COORDINATION = "uw_coordination"  # projects, allocation, the schedule
    # Interventions (issue 12): the provider caseworker's own lists and referral pages.
    PROVIDER_REFERRALS = "provider_referrals"
    # Through the Gate (issue 11)
    RESETTLEMENT_CASELOAD = "resettlement_caseload"  # a prison's custody cases
    PEOPLE_IN_CUSTODY = "people_in_custody"  # a community officer's people in custody
    # --- Dashboards (issue 13) ---
    DASHBOARDS = "dashboards"
    QUALITY_AUDITS = "quality_audits"  # draw a sample, answer per case, the Annex 2 table
    # The partner API's schema and reference pages (partners pass by their token instead).
    API_DOCS = "api_docs"


EVERYONE = None  # any active, signed-in member of staff

PAGE_ROLES: dict[Page, frozenset | None] = {
    Page.HOME: EVERYONE,
    Page.ACCOUNT: EVERYONE,
    Page.MY_CASELOAD: roles.CASE_HOLDERS,
    Page.TEAM_CASELOAD: roles.LINE_MANAGERS,
    Page.APPOINTMENTS: roles.CASE_HOLDERS,
    Page.SEARCH: roles.CASE_ROLES,
    Page.INBOX: roles.CASE_ROLES,
    Page.TASKS: roles.TASK_WORKERS,
    Page.CASE_CREATE: roles.CASE_CREATORS,
    Page.ACCESS_LOG: roles.AUDITORS,
    Page.ADMIN_SITE: roles.ADMIN_SITE_ROLES,
    # --- Unpaid work ---
    Page.UW_SESSIONS: uw_access.SESSION_ROLES,
    Page.UW_COORDINATION: uw_access.COORDINATORS,
    # Interventions (issue 12)
    Page.PROVIDER_REFERRALS: PROVIDER_CASEWORKERS,
    # --- Through the Gate (issue 11) ---
    Page.RESETTLEMENT_CASELOAD: roles.RESETTLEMENT_WORKERS,
    Page.PEOPLE_IN_CUSTODY: roles.CUSTODY_VIEWERS,
    # --- Dashboards (issue 13) ---
    # SPOs see their teams, area managers their area; "senior leaders" are the quality
    # and performance manager and the administrator, whose scope is the whole service.
    Page.DASHBOARDS: roles.LINE_MANAGERS
    | roles.AREA_MANAGERS
    | roles.QUALITY_AUDITORS
    | roles.ADMINISTRATORS,
    # The Inspectorate's method, run in house by the quality and performance managers.
    Page.QUALITY_AUDITS: roles.QUALITY_AUDITORS,
    # They describe endpoints, not data: any member of staff with a role.
    Page.API_DOCS: roles.ALL_ROLES,
}
# Alerts about their prison's cases reach resettlement workers, so they read an inbox.
PAGE_ROLES[Page.INBOX] = PAGE_ROLES[Page.INBOX] | roles.RESETTLEMENT_WORKERS
# Provider caseworkers are told of their referrals (crc.access.interventions), never of cases.
PAGE_ROLES[Page.INBOX] = PAGE_ROLES[Page.INBOX] | PROVIDER_CASEWORKERS


def role_may_use(role: str, page: Page) -> bool:
    """The table itself, for one role."""
    allowed_roles = PAGE_ROLES[page]
    return allowed_roles is EVERYONE or role in allowed_roles


def may_use(user, page: Page) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if page == Page.ADMIN_SITE and not user.is_staff:
        # Staff.save sets is_staff from the role; a hand-edited flag must not show a link
        # the admin site would refuse.
        return False
    return role_may_use(user.role, page)
