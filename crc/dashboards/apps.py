from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "crc.dashboards"
    label = "dashboards"

    def ready(self) -> None:
        from crc.dashboards import worklist
        from crc.dashboards.demo_seed import seed_quality_audit
        from crc.organisation.demo import register_seeder

        worklist.register()
        # After every app's cases and records (interventions use 80).
        register_seeder(order=90, name="quality_audit", run=seed_quality_audit)
