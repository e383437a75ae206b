from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "crc.notifications"
    label = "notifications"
    verbose_name = "Notifications and outbox"

    def ready(self) -> None:
        from crc import navigation
        from crc.notifications import selectors, services, worklist
        from crc.notifications.delivery import register_handler

        register_handler(services.NOTIFICATION_KIND, services.notification_deliver)
        worklist.register()
        navigation.register_unread_counter(
            lambda user: selectors.notification_unread_count(user=user)
        )
