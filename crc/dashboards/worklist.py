"""The quality and performance manager's part of the home page's work list."""

from django.urls import reverse

from crc.access.pages import Page, may_use
from crc.dashboards.models import AuditStatus, QualityAudit
from crc.worklist import ROWS_SHOWN, WorkGroup, WorkItem, WorkRow, register_provider


def audit_work(user, *, today) -> list[WorkGroup]:
    if not may_use(user, Page.QUALITY_AUDITS):
        return []
    audits = QualityAudit.objects.filter(status=AuditStatus.IN_PROGRESS).order_by("created_at")
    count = audits.count()
    url = reverse("dashboards:audits")
    rows = (
        [
            WorkRow(a.title, reverse("dashboards:audit", args=[a.pk]), f"{a.sample_size} cases")
            for a in audits[:ROWS_SHOWN]
        ]
        if count
        else []
    )
    items = [WorkItem("Quality audits in progress", count, url, rows=rows)] if count else []
    return [WorkGroup(title="Quality audits", order=40, items=items)]


def register() -> None:
    register_provider("dashboards", audit_work)
