from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "crc.api"
    label = "api"
