"""Called from CasesConfig.ready(): navigation for the case record."""

from crc import navigation


def ready() -> None:
    from cases.record.views import CASE_CREATORS

    navigation.register(
        navigation.NavItem(
            key="case_create",
            text="Add a case",
            url_name="cases:create",
            order=40,
            visible_to=lambda user: user.role in CASE_CREATORS,
            description="Record a new person on probation and their order.",
        )
    )
