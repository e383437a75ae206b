"""Navigation entries owned by the organisation app."""

from crc import navigation


def register_items() -> None:
    navigation.register(
        navigation.NavItem(
            key="home",
            text="Home",
            url_name="home",
            order=0,
            visible_to=lambda user: True,
        )
    )
