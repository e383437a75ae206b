"""Writes to escalations to the NPS: raising one (with its service-centre referral
task) and moving it on."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from cases.deadlines import deadline_working_days
from cases.models import (
    Case,
    CaseStatus,
    Escalation,
    EscalationStatus,
    ServiceCentreTask,
    TaskKind,
    TaskStatus,
)
from cases.notify import case_notify, spos_for
from cases.risk import rules
from crc.domain import DomainError
from crc.history import attribute
from crc.stale import version_check
from crc.workingdays import add_working_days


def _today() -> dt.date:
    return timezone.localdate()


@transaction.atomic
def escalation_raise(*, case: Case, by, reasons: str) -> Escalation:
    try:
        with transaction.atomic():
            escalation = Escalation(
                case=case, reasons=reasons, raised_at=timezone.now(), raised_by=by
            )
            attribute(escalation, by)
            escalation.save()
    except IntegrityError as exc:
        raise DomainError("This case already has an open escalation") from exc
    due = add_working_days(_today(), deadline_working_days("nps-referral"))
    task = ServiceCentreTask(
        case=case,
        kind=TaskKind.NPS_REFERRAL,
        description=f"Prepare and send the NPS referral for {case.crn}: {reasons}",
        due_date=due,
        source_key=f"escalation:{escalation.pk}:referral",
    )
    attribute(task, by)
    task.save()
    case_notify(
        case=case,
        people=spos_for(case),
        subject=f"Risk of harm escalation: {case.crn}",
        body=(
            f"Case {case.crn} must be referred to the NPS ({reasons}). The service centre has "
            f"a referral task due {due:%d %B %Y}. The CRC keeps supervising until the NPS accepts."
        ),
        tab="risk/",
        category="escalation",
        dedupe_key=f"escalation:{escalation.pk}:spo-alert",
    )
    return escalation


def escalation_state(escalation: Escalation) -> dict:
    """What progressing an escalation changes, for its version token."""
    return {"status": escalation.get_status_display(), "notes": escalation.notes}


@transaction.atomic
def escalation_progress(
    *, escalation: Escalation, by, to_status: str, note: str = "", version: str | None = None
) -> Escalation:
    escalation = Escalation.objects.select_for_update().get(pk=escalation.pk)
    version_check(version, escalation_state(escalation), what="escalation")
    if not rules.escalation_may_become(escalation.status, to_status):
        raise DomainError(
            f"An escalation that is {escalation.get_status_display().lower()} cannot become "
            f"{EscalationStatus(to_status).label.lower()}",
            field="status",
        )
    if (
        to_status == EscalationStatus.CLOSED
        and escalation.status == EscalationStatus.RAISED
        and not note.strip()
    ):
        raise DomainError("Say why the escalation is closed without a referral", field="note")
    now = timezone.now()
    escalation.status = to_status
    if to_status == EscalationStatus.REFERRED:
        escalation.referred_at = now
        # Saved row by row, not update(): each task's completion needs its history row.
        for task in ServiceCentreTask.objects.filter(
            source_key=f"escalation:{escalation.pk}:referral", status=TaskStatus.OPEN
        ):
            task.status = TaskStatus.DONE
            task.completed_at = now
            task.completed_by = by
            attribute(task, by)
            task.save(update_fields=["status", "completed_at", "completed_by"])
    elif to_status in (EscalationStatus.ACCEPTED, EscalationStatus.DECLINED):
        escalation.decided_at = now
    elif to_status == EscalationStatus.CLOSED:
        escalation.closed_at = now
    if note.strip():
        stamp = f"{timezone.localtime(now):%d %b %Y %H:%M} {by}: {note.strip()}"
        escalation.notes = f"{escalation.notes}\n{stamp}".strip()
    attribute(escalation, by)
    escalation.save()
    case = escalation.case
    if to_status == EscalationStatus.ACCEPTED:
        case.status = CaseStatus.TRANSFERRED
        attribute(case, by)
        case.save(update_fields=["status", "updated_at"])
    case_notify(
        case=case,
        people=[case.responsible_officer, *spos_for(case)],
        subject=f"Escalation of {case.crn}: {escalation.get_status_display().lower()}",
        body=f"The escalation for {case.crn} is now: {escalation.get_status_display()}",
        tab="risk/",
        category="escalation",
        dedupe_key=f"escalation:{escalation.pk}:{to_status}",
    )
    return escalation
