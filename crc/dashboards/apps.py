from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "crc.dashboards"
    label = "dashboards"

    def ready(self) -> None:
        from crc import navigation
        from crc.access.pages import Page

        navigation.register(
            navigation.NavItem(
                key="dashboards",
                text="Dashboards",
                url_name="dashboards:dashboard",
                order=40,
                page=Page.DASHBOARDS,
                description="Figures, workload and trends for the cases you oversee.",
            )
        )

        navigation.register(
            navigation.NavItem(
                key="quality_audits",
                text="Quality audits",
                url_name="dashboards:audits",
                order=41,
                page=Page.QUALITY_AUDITS,
                description="Draw a sample, answer the key questions per case, read the ratings.",
            )
        )

        from crc.dashboards import worklist
        from crc.dashboards.demo_seed import seed_quality_audit
        from crc.organisation.demo import register_seeder

        worklist.register()
        # After every app's cases and records (interventions use 80).
        register_seeder(order=90, name="quality_audit", run=seed_quality_audit)
