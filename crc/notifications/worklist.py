"""Unread alerts on the home page's work list (crc/worklist.py): a count linking to the
inbox. No subjects are listed here: the inbox shows them, redacted where they name a
case the reader may not open."""

from django.urls import reverse

from crc.access.pages import Page, may_use
from crc.notifications.selectors import notification_unread_count
from crc.worklist import WorkGroup, WorkItem, register_provider


def alert_work(user, *, today) -> list[WorkGroup]:
    if not may_use(user, Page.INBOX):
        return []
    unread = notification_unread_count(user=user)
    items = [WorkItem("Unread alerts", unread, reverse("notifications:inbox"))] if unread else []
    return [WorkGroup(title="Alerts", order=5, items=items)]


def register() -> None:
    register_provider("notifications", alert_work)
