from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "crc.notifications"
    label = "notifications"
