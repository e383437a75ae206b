from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    label = "cases"
    verbose_name = "Case record"

    def ready(self) -> None:
        from cases.demo_seed import seed_cases
        from crc.organisation.demo import register_seeder

        register_seeder(order=20, name="cases", run=seed_cases)

        from cases.allocation import hooks as allocation_hooks
        from cases.contacts import hooks as contacts_hooks
        from cases.planning import hooks as planning_hooks
        from cases.reviews import hooks as reviews_hooks
        from cases.risk import hooks as risk_hooks

        # Each wing wires its own seeders, jobs and timeline; its admin is imported by
        # cases/admin.py and its URLs by cases/urls.py.
        for hooks in (
            allocation_hooks,
            risk_hooks,
            planning_hooks,
            contacts_hooks,
            reviews_hooks,
        ):
            hooks.ready()

        # The supervision figures on the managers' dashboards (crc.dashboards reads the
        # case record only through this registration).
        from cases.measures import register_dashboard_sections

        register_dashboard_sections()

        # What each role has to do, listed on the home page (crc/worklist.py).
        from cases import worklist

        worklist.register()

        # The case record's retention period and erasure (crc.retention).
        from cases import retention

        retention.register()
