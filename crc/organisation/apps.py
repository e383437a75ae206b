from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "crc.organisation"
    label = "organisation"
    verbose_name = "Organisation and staff"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from crc.organisation import navigation, roles

        post_migrate.connect(roles.sync_role_groups_after_migrate, sender=self)
        navigation.register_items()
