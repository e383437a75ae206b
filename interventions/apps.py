from django.apps import AppConfig


class InterventionsConfig(AppConfig):
    name = "interventions"
    label = "interventions"
    verbose_name = "Interventions"

    def ready(self) -> None:
        from celery.schedules import crontab

        from crc.celery import add_beat_entry
        from crc.dashboards.registry import register_section
        from crc.organisation.demo import register_seeder

        # tasks is imported for its side effect: the worker and the beat names resolve.
        from interventions import jobs, measures, tasks, timeline  # noqa: F401
        from interventions.demo_seed import seed_interventions

        timeline.register()
        register_section(measures.SECTION)
        register_seeder(order=80, name="interventions", run=seed_interventions)
        for name in jobs.DAILY_JOBS:
            # Concluding runs in the night; reminders before the working day starts.
            hour = 1 if name == "referrals_conclude_nightly" else 6
            add_beat_entry(
                f"interventions-{name}", f"interventions.{name}", crontab(hour=hour, minute=15)
            )
