from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    label = "cases"
    verbose_name = "Case record"

    def ready(self) -> None:
        from cases import navigation
        from cases.demo_seed import seed_cases
        from crc.organisation.demo import register_seeder

        register_seeder(order=20, name="cases", run=seed_cases)
        navigation.register_items()
