"""Navigation entries for the case pages."""

from crc import navigation
from crc.organisation.models import Role

CASE_HOLDERS = {
    Role.PROBATION_OFFICER,
    Role.PROBATION_SERVICES_OFFICER,
    Role.SENIOR_PROBATION_OFFICER,
}


def register_items() -> None:
    navigation.register(
        navigation.NavItem(
            key="caseload",
            text="My caseload",
            url_name="cases:caseload",
            order=10,
            visible_to=lambda user: user.role in CASE_HOLDERS,
            description="Your cases: risk, tier, contact level and what is due.",
        )
    )
    navigation.register(
        navigation.NavItem(
            key="team_caseload",
            text="Team caseload",
            url_name="cases:team_caseload",
            order=20,
            visible_to=lambda user: user.role == Role.SENIOR_PROBATION_OFFICER,
            description="Your teams' cases, approvals waiting for you, escalations and allocation.",
        )
    )
    navigation.register(
        navigation.NavItem(
            key="case_search",
            text="Find a case",
            url_name="cases:search",
            order=30,
            visible_to=lambda user: True,
            description="Search by CRN or name among the cases you may see.",
        )
    )
