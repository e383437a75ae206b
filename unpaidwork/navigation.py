"""Navigation entries for the unpaid work pages (who sees each is crc.access's page table)."""

from crc import navigation
from crc.access.pages import Page


def register_items() -> None:
    navigation.register(
        navigation.NavItem(
            key="uw_sessions",
            text="My sessions",
            url_name="unpaidwork:my_sessions",
            order=60,
            page=Page.UW_SESSIONS,
            description="Today's and upcoming unpaid work sessions, and their registers.",
        )
    )
    navigation.register(
        navigation.NavItem(
            key="uw_projects",
            text="Projects",
            url_name="unpaidwork:projects",
            order=61,
            page=Page.UW_COORDINATION,
            description="Unpaid work projects and their sessions.",
        )
    )
    navigation.register(
        navigation.NavItem(
            key="uw_orders",
            text="Unpaid work orders",
            url_name="unpaidwork:coordination_orders",
            order=62,
            page=Page.UW_COORDINATION,
            description="Inductions, placements and the schedule of each open order.",
        )
    )
    navigation.register(
        navigation.NavItem(
            key="uw_nominations",
            text="Nominations",
            url_name="unpaidwork:nominations",
            order=63,
            page=Page.UW_COORDINATION,
            description="Community nominations of unpaid work waiting for review.",
        )
    )
