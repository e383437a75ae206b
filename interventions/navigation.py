"""The interventions links in the service navigation (who sees them is crc.access)."""

from crc import navigation
from crc.access.pages import Page


def register_items() -> None:
    navigation.register(
        navigation.NavItem(
            key="provider_referrals",
            text="Referrals",
            url_name="interventions:provider_home",
            order=15,
            page=Page.PROVIDER_REFERRALS,
            description="Referrals made to your organisation: yours and those not yet picked up.",
        )
    )
