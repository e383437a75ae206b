from django.apps import AppConfig


class ResettlementConfig(AppConfig):
    name = "resettlement"
    label = "resettlement"
    verbose_name = "Through the Gate"

    def ready(self) -> None:
        from celery.schedules import crontab

        from crc.celery import add_beat_entry
        from crc.dashboards.registry import register_section
        from crc.organisation.demo import register_seeder
        from resettlement import jobs, measures, tasks, timeline, worklist  # noqa: F401
        from resettlement.demo_seed import seed_resettlement

        timeline.register()
        worklist.register()
        register_section(measures.SECTION)
        # After the cases seeders (reviews use 50): custody hangs off existing cases.
        register_seeder(order=70, name="resettlement", run=seed_resettlement)
        # 06:15 London time, after the cases jobs at 06:00.
        for name in jobs.DAILY_JOBS:
            add_beat_entry(
                f"resettlement-{name}", f"resettlement.{name}", crontab(hour=6, minute=15)
            )
