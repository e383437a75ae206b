"""Writes that touch several rows still leave a history row for each, with who did it."""

import pytest

from cases.models import ContactLevelStatus, EscalationStatus, ServiceCentreTask, TaskStatus
from cases.risk import contact_levels, escalations

pytestmark = pytest.mark.django_db


def test_referring_an_escalation_completes_its_task_with_history(escalation, service_centre):
    escalations.escalation_progress(
        escalation=escalation, by=service_centre, to_status=EscalationStatus.REFERRED
    )
    task = ServiceCentreTask.objects.get(source_key=f"escalation:{escalation.pk}:referral")
    assert task.status == TaskStatus.DONE
    latest = task.history.first()
    assert latest.status == TaskStatus.DONE
    assert latest.history_user == service_centre


def test_raising_an_escalation_attributes_its_task(escalation, officer):
    task = ServiceCentreTask.objects.get(source_key=f"escalation:{escalation.pk}:referral")
    assert task.history.first().history_user == officer


def test_an_approved_reduction_supersedes_the_old_level_with_history(
    weekly_level, pending_reduction, spo
):
    contact_levels.contact_level_decide(decision=pending_reduction, by=spo, approve=True)
    weekly_level.refresh_from_db()
    assert weekly_level.status == ContactLevelStatus.SUPERSEDED
    latest = weekly_level.history.first()
    assert latest.status == ContactLevelStatus.SUPERSEDED
    assert latest.history_user == spo
