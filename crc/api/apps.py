from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "crc.api"
    label = "api"
    verbose_name = "Partner API"

    def ready(self) -> None:
        from crc.api import retention, schema  # noqa: F401  (schema: the OpenAPI extensions)
        from crc.api.demo_seed import seed_partner_applications
        from crc.organisation.demo import register_seeder

        # After the organisation seeder (10) has created the partner organisations.
        register_seeder(order=60, name="partner_api", run=seed_partner_applications)
        retention.register()
