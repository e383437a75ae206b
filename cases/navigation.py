"""Navigation entries for the case pages."""

from crc import navigation
from crc.access.pages import Page


def register_items() -> None:
    navigation.register(
        navigation.NavItem(
            key="caseload",
            text="My caseload",
            url_name="cases:caseload",
            order=10,
            page=Page.MY_CASELOAD,
            description="Your cases: risk, tier, contact level and what is due.",
        ),
        navigation.NavItem(
            key="team_caseload",
            text="Team caseload",
            url_name="cases:team_caseload",
            order=20,
            page=Page.TEAM_CASELOAD,
            description="Your teams' cases, approvals waiting for you, escalations and allocation.",
        ),
        navigation.NavItem(
            key="case_search",
            text="Find a case",
            url_name="cases:search",
            order=30,
            page=Page.SEARCH,
            description="Search by CRN or name among the cases you may see.",
        ),
    )
