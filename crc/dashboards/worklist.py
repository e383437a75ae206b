"""The quality and performance manager's part of the home page's work list."""

from django.urls import reverse

from crc.access import roles
from crc.dashboards.models import AuditStatus, QualityAudit
from crc.worklist import ROWS_SHOWN, WorkGroup, WorkItem, WorkRow, register_provider


def audit_work(user, *, today) -> list[WorkGroup]:
    if user.role not in roles.QUALITY_AUDITORS:
        return []
    audits = QualityAudit.objects.filter(status=AuditStatus.IN_PROGRESS).order_by("created_at")
    count = audits.count()
    url = reverse("dashboards:dashboard")
    rows = [WorkRow(a.title, url) for a in audits[:ROWS_SHOWN]] if count else []
    items = [WorkItem("Quality audits in progress", count, url, rows=rows)] if count else []
    return [WorkGroup(title="Quality audits", order=40, items=items)]


def register() -> None:
    register_provider("dashboards", audit_work)
