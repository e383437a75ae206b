from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _restore_append_only_triggers(using="default", **kwargs) -> None:
    from crc.access.append_only import ensure_sqlite_triggers

    ensure_sqlite_triggers(using)


class AccessConfig(AppConfig):
    name = "crc.access"
    label = "access"

    def ready(self) -> None:
        post_migrate.connect(_restore_append_only_triggers, sender=self)
