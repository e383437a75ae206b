from django.apps import AppConfig


class ResettlementConfig(AppConfig):
    name = "resettlement"
    label = "resettlement"
    verbose_name = "Through the Gate"

    def ready(self) -> None:
        from celery.schedules import crontab

        from crc.celery import add_beat_entry
        from crc.organisation.demo import register_seeder
        from resettlement import jobs, tasks, timeline, worklist  # noqa: F401
        from resettlement.demo_seed import seed_resettlement

        timeline.register()
        worklist.register()
        from crc.dashboards.registry import register_section
        from resettlement import measures

        register_section(measures.SECTION)
        register_navigation()
        # After the cases seeders (reviews use 50): custody hangs off existing cases.
        register_seeder(order=70, name="resettlement", run=seed_resettlement)
        # 06:15 London time, after the cases jobs at 06:00.
        for name in jobs.DAILY_JOBS:
            add_beat_entry(
                f"resettlement-{name}", f"resettlement.{name}", crontab(hour=6, minute=15)
            )


def register_navigation() -> None:
    from crc import navigation
    from crc.access.pages import Page

    navigation.register(
        navigation.NavItem(
            key="resettlement_caseload",
            text="Resettlement caseload",
            url_name="resettlement:caseload",
            order=12,
            page=Page.RESETTLEMENT_CASELOAD,
            description="The custody cases of your prison: screening, plans and release.",
        )
    )
    navigation.register(
        navigation.NavItem(
            key="people_in_custody",
            text="In custody",
            url_name="resettlement:in_custody",
            order=22,
            page=Page.PEOPLE_IN_CUSTODY,
            description="Your people in custody and who still needs a pre-release contact.",
        )
    )
