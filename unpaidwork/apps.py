from django.apps import AppConfig


class UnpaidWorkConfig(AppConfig):
    name = "unpaidwork"
    label = "unpaidwork"
