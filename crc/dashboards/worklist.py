"""The managers' part of the home page's work list: the dashboard's figures that have
cases behind them (SPOs their teams, area managers their area, senior leaders all), and
the quality and performance manager's audits in progress."""

from urllib.parse import urlencode

from django.urls import reverse

from crc.access.pages import Page, may_use
from crc.dashboards import registry, selectors
from crc.dashboards.models import AuditStatus, QualityAudit
from crc.worklist import WorkGroup, WorkItem, WorkRow, item_from, register_provider


def audit_work(user, *, today) -> list[WorkGroup]:
    if not may_use(user, Page.QUALITY_AUDITS):
        return []
    item = item_from(
        "Quality audits in progress",
        QualityAudit.objects.filter(status=AuditStatus.IN_PROGRESS).order_by("created_at"),
        reverse("dashboards:audits"),
        lambda a: WorkRow(
            a.title, reverse("dashboards:audit", args=[a.pk]), f"{a.sample_size} cases"
        ),
    )
    return [WorkGroup(title="Quality audits", order=40, items=[item] if item.count else [])]


def figure_work(user, *, today) -> list[WorkGroup]:
    """Each dashboard figure with cases behind it, linked to that list (a fixed number
    of queries a section, however many cases)."""
    if not may_use(user, Page.DASHBOARDS):
        return []
    cases = selectors.dashboard_cases(user)
    drill_down = reverse("dashboards:drill_down")
    items = [
        WorkItem(
            figure.label,
            figure.value,
            f"{drill_down}?{urlencode({'section': section.key, 'figure': figure.key})}",
        )
        for section in registry.sections()
        if section.drill_down is not None
        for figure in (section.case_figures or section.figures)(cases, today=today)
        if figure.drill_down and figure.value
    ]
    return [WorkGroup(title="Your dashboard", order=25, items=items)]


def manager_work(user, *, today) -> list[WorkGroup]:
    return [*figure_work(user, today=today), *audit_work(user, today=today)]


def register() -> None:
    register_provider("dashboards", manager_work)
