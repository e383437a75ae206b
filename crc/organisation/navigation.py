"""Navigation entries owned by the organisation app."""

from crc import navigation
from crc.access.pages import Page


def register_items() -> None:
    navigation.register(
        navigation.NavItem(
            key="home",
            text="Home",
            url_name="home",
            order=0,
            page=Page.HOME,
        )
    )
