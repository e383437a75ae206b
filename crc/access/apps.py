from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "crc.access"
    label = "access"

    def ready(self) -> None:
        from crc import navigation
        from crc.organisation.models import Role

        navigation.register(
            navigation.NavItem(
                key="access_log",
                text="Access log",
                url_name="access:log",
                order=95,
                visible_to=lambda user: user.role == Role.ADMINISTRATOR,
                description="Who opened which case, when and why; export as CSV.",
            )
        )
