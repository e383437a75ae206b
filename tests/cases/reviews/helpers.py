"""Builders for the review tests: contacts, reviews and outbox reads."""

import datetime as dt

from django.utils import timezone

from cases.models import ReviewKind, ReviewStatus
from crc.notifications.models import OutboxMessage
from tests.factories import ContactFactory, ReviewFactory


def contact(case, *, when=None, outcome="complied", contact_type="office", sensitive=False, **kw):
    return ContactFactory(
        case=case,
        contact_type=contact_type,
        happened_at=when or timezone.now(),
        outcome=outcome,
        sensitive=sensitive,
        summary=kw.pop("summary", "Talked about work and housing"),
        **kw,
    )


def completed_review(case, *, by, when, **sections):
    text = {
        "compliance_and_engagement": "Attends and engages.",
        "desistance_progress": "Working part time.",
        "risk_of_harm_change": "No change.",
        "persons_involvement": "Took part in the office.",
        "other_agencies": "Police: nothing new.",
    }
    text.update(sections)
    return ReviewFactory(
        case=case,
        kind=ReviewKind.PERIODIC,
        due_on=when.date(),
        status=ReviewStatus.COMPLETE,
        completed_at=when,
        completed_by=by,
        source_key=f"test-complete:{case.pk}:{when.isoformat()}",
        **text,
    )


def due_review(case, due_on: dt.date, kind=ReviewKind.PERIODIC):
    return ReviewFactory(
        case=case, kind=kind, due_on=due_on, source_key=f"test:{case.pk}:{kind}:{due_on}"
    )


def messages_with(prefix: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(dedupe_key__startswith=prefix))


def recipients(message: OutboxMessage) -> set[int]:
    return set(message.payload["recipient_ids"])
