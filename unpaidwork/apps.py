from django.apps import AppConfig


class UnpaidWorkConfig(AppConfig):
    name = "unpaidwork"
    label = "unpaidwork"
    verbose_name = "Unpaid work"

    def ready(self) -> None:
        from celery.schedules import crontab

        from cases.record.services import on_requirement_added

        # tasks is imported so the worker knows the tasks whatever autodiscovery finds.
        from crc.celery import add_beat_entry
        from crc.dashboards.registry import register_section
        from crc.organisation.demo import register_seeder
        from unpaidwork import jobs, measures, tasks, timeline  # noqa: F401
        from unpaidwork.demo_seed import seed_unpaid_work
        from unpaidwork.services import requirement_added

        on_requirement_added(requirement_added)
        timeline.register()
        register_section(measures.SECTION)
        register_seeder(order=70, name="unpaid_work", run=seed_unpaid_work)
        # 06:15 London time, after the case jobs at 06:00.
        for name in jobs.DAILY_JOBS:
            add_beat_entry(f"unpaidwork-{name}", f"unpaidwork.{name}", crontab(hour=6, minute=15))
