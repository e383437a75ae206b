from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "crc.retention"
    label = "retention"
    verbose_name = "Retention"

    def ready(self) -> None:
        from celery.schedules import crontab

        from crc.celery import add_beat_entry
        from crc.retention import access_log_type

        access_log_type.register()
        # Nightly, after the day's jobs and before anyone is at work.
        add_beat_entry(
            "retention-sweep", "crc.retention.retention_sweep", crontab(hour=2, minute=30)
        )
