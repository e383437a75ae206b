"""Notifications about a case: who may be told (the access policy decides) and the
SPOs who oversee it."""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model

from cases.models import Case
from crc.access import roles
from crc.access.policy import visible_cases
from crc.notifications.services import notification_send

Staff = get_user_model()


def _case_url(case: Case, suffix: str = "") -> str:
    return f"/cases/{case.crn}/{suffix}"


def recipients_who_can_see(case: Case, people: Iterable[Any]) -> list[Any]:
    """Notifications go only to people the access policy lets see the case."""
    return [
        person
        for person in {p.pk: p for p in people if p is not None and p.is_active}.values()
        if visible_cases(person, Case.objects.filter(pk=case.pk)).exists()
    ]


def case_notify(
    *,
    case: Case,
    people: Iterable[Any],
    subject: str,
    body: str,
    tab: str = "",
    category: str,
    dedupe_key: str,
) -> bool:
    """Notify people about a case, linking to one of its tabs. The one place that applies
    the access policy to notifications: people who cannot see the case are left out.
    False when nobody is left to tell."""
    recipients = recipients_who_can_see(case, people)
    if not recipients:
        return False
    notification_send(
        recipients=recipients,
        subject=subject,
        body=body,
        url=_case_url(case, tab),
        category=category,
        dedupe_key=dedupe_key,
    )
    return True


def spos_for(case: Case) -> list[Any]:
    if not case.team_id:
        return []
    return list(
        Staff.objects.filter(
            role__in=roles.LINE_MANAGERS, managed_teams=case.team_id, is_active=True
        )
    )
