from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "crc.access"
    label = "access"
