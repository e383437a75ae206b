"""The resettlement links in the service navigation (who sees them is crc.access)."""

from crc import navigation
from crc.access.pages import Page


def register_items() -> None:
    navigation.register(
        navigation.NavItem(
            key="resettlement_caseload",
            text="Resettlement caseload",
            url_name="resettlement:caseload",
            order=12,
            page=Page.RESETTLEMENT_CASELOAD,
            description="The custody cases of your prison: screening, plans and release.",
        ),
        navigation.NavItem(
            key="people_in_custody",
            text="In custody",
            url_name="resettlement:in_custody",
            order=22,
            page=Page.PEOPLE_IN_CUSTODY,
            description="Your people in custody and who still needs a pre-release contact.",
        ),
    )
