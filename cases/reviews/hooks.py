"""Called from CasesConfig.ready(): register navigation, seeders, beat jobs, risk concerns."""

from celery.schedules import crontab


def ready() -> None:
    # Imported for its side effect: registers the tasks (autodiscovery looks in
    # cases.tasks only).
    from cases.reviews import jobs, tasks, timeline  # noqa: F401
    from cases.reviews.demo import seed_reviews
    from crc.celery import add_beat_entry
    from crc.organisation.demo import register_seeder

    register_seeder(order=50, name="reviews", run=seed_reviews)
    timeline.register()
    # Crontab in the Celery app's timezone, which follows Django's TIME_ZONE
    # (Europe/London), so 06:00 is 06:00 in London summer and winter.
    for name in jobs.DAILY_JOBS:
        add_beat_entry(f"cases-{name}", f"cases.{name}", crontab(hour=6, minute=0))
    add_beat_entry(
        "cases-grid_shortfall_digest",
        "cases.grid_shortfall_digest",
        crontab(hour=7, minute=0, day_of_week="mon"),
    )
