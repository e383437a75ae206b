from django.apps import AppConfig


class ResettlementConfig(AppConfig):
    name = "resettlement"
    label = "resettlement"
