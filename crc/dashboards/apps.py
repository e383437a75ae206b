from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "crc.dashboards"
    label = "dashboards"
