"""Every write to the service centre's work queue. The case pages and the admin both come
here, so completing a letter closes the enforcement action it was for whichever way the
service centre marks it done."""

from django.db import transaction
from django.utils import timezone

from cases.models import (
    EnforcementAction,
    EnforcementStatus,
    ServiceCentreTask,
    TaskKind,
    TaskStatus,
)
from crc.domain import DomainError
from crc.history import save_as


@transaction.atomic
def service_centre_task_complete(*, task: ServiceCentreTask, by) -> ServiceCentreTask:
    """Mark a letter, pack or referral done. A warning is complete once its letter is
    sent; a breach stays in progress after its pack (the court decides)."""
    task = ServiceCentreTask.objects.select_for_update().get(pk=task.pk)
    if task.status != TaskStatus.OPEN:
        raise DomainError("This task is already closed")
    task.status = TaskStatus.DONE
    task.completed_at = timezone.now()
    task.completed_by = by
    save_as(task, by)
    if task.kind == TaskKind.WARNING_LETTER and task.source_key.startswith("enforcement:"):
        action_id = task.source_key.split(":")[1]
        action = EnforcementAction.objects.filter(
            pk=action_id, status=EnforcementStatus.IN_PROGRESS
        ).first()
        if action is not None:
            action.status = EnforcementStatus.DONE
            save_as(action, by, update_fields=["status"])
    return task


@transaction.atomic
def service_centre_task_status_set(
    *, task: ServiceCentreTask, by, status: TaskStatus
) -> ServiceCentreTask:
    """The admin's status field: done goes through completion (and its enforcement
    action); reopening or cancelling clears who completed it."""
    if status == TaskStatus.DONE:
        return service_centre_task_complete(task=task, by=by)
    task = ServiceCentreTask.objects.select_for_update().get(pk=task.pk)
    if task.status == status:
        return task
    task.status = status
    task.completed_at = None
    task.completed_by = None
    save_as(task, by)
    return task
