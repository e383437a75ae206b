"""Called from CasesConfig.ready(): navigation for the case record."""

from crc import navigation
from crc.access.pages import Page


def ready() -> None:
    navigation.register(
        navigation.NavItem(
            key="case_create",
            text="Add a case",
            url_name="cases:create",
            order=40,
            page=Page.CASE_CREATE,
            description="Record a new person on probation and their order.",
        )
    )
