"""Notifications about a case: who may be told (the access policy decides) and the
SPOs who oversee it.

case_notify tells people about one case; case_notify_many is what the nightly jobs use
for thousands of cases: the policy decides for all the (person, case) pairs at once
(crc.access.bulk), and the notifications are queued in one bulk insert.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model

from cases.models import Case
from crc.access import roles
from crc.access.bulk import visible_case_ids_by_person
from crc.access.policy import visible_cases
from crc.notifications.services import NotificationItem, notification_send, notification_send_many

Staff = get_user_model()


# What case_notify_many and the access policy (crc.access.bulk) read from a case and a
# person. A job selecting thousands of cases loads only these:
# .only(*notify_fields("case")) beside select_related("case__responsible_officer").
CASE_FIELDS = ("id", "crn", "status", "team", "responsible_officer")
STAFF_FIELDS = ("id", "is_active", "role", "team", "managed_area", "partner_organisation")


def notify_fields(case: str, *, officer: bool = True) -> list[str]:
    """The field paths to .only() for a case reached by `case` ("" for Case itself) and,
    with `officer`, its responsible officer (select_related with it)."""
    prefix = f"{case}__" if case else ""
    return [
        *(f"{prefix}{name}" for name in CASE_FIELDS),
        *(f"{prefix}responsible_officer__{name}" for name in STAFF_FIELDS if officer),
    ]


@dataclass(frozen=True)
class CaseRef:
    """A case as case_notify_many reads it, for a job that selects values, not models."""

    pk: int
    crn: str


def staff_by_id(ids: Iterable[int]) -> dict[int, Any]:
    """People to tell, by id, with only the fields the policy reads: one query."""
    ids = {i for i in ids if i}
    if not ids:
        return {}
    return {s.pk: s for s in Staff.objects.filter(pk__in=ids).only(*STAFF_FIELDS)}


def _case_url(case: Case, suffix: str = "") -> str:
    return f"/cases/{case.crn}/{suffix}"


def _active(people: Iterable[Any]) -> dict[int, Any]:
    return {p.pk: p for p in people if p is not None and p.is_active}


def recipients_who_can_see(case: Case, people: Iterable[Any]) -> list[Any]:
    """Notifications go only to people the access policy lets see the case."""
    return [
        person
        for person in _active(people).values()
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


@dataclass(frozen=True)
class CaseNotice:
    """One notification about one case, for case_notify_many."""

    case: Case
    people: Sequence[Any]
    subject: str
    body: str
    dedupe_key: str
    tab: str = ""


def officer_of(case: Case) -> list[Any]:
    """A case's responsible officer as the people to tell: nobody when it has none."""
    return [case.responsible_officer] if case.responsible_officer_id else []


def officer_notice(case: Case, *, subject: str, body: str, key: str, tab: str = "") -> CaseNotice:
    """A notice for the case's responsible officer alone, for case_notify_many (the
    nightly jobs' commonest notice)."""
    return CaseNotice(
        case=case,
        people=officer_of(case),
        subject=subject,
        body=body,
        tab=tab,
        dedupe_key=key,
    )


def case_notify_many(*, notices: Iterable[CaseNotice], category: str) -> int:
    """case_notify for many cases at once; returns how many notices had somebody to
    tell (what case_notify's True counts), whether or not a dedupe key already held.

    Queries: crc.access.bulk's few for all the pairs (plus one per resettlement
    worker) and notification_send_many's few, whether it tells one person about one
    case or every officer about every case of theirs.
    """
    notices = [(notice, _active(notice.people)) for notice in notices]
    people: dict[int, Any] = {}
    wanted: dict[int, set[int]] = defaultdict(set)
    for notice, active in notices:
        people.update(active)
        for pk in active:
            wanted[pk].add(notice.case.pk)
    visible = visible_case_ids_by_person(Case.objects.all(), people, wanted)
    items = []
    for notice, active in notices:
        recipients = [pk for pk in active if notice.case.pk in visible[pk]]
        if recipients:
            items.append(
                NotificationItem(
                    recipients=recipients,
                    subject=notice.subject,
                    body=notice.body,
                    url=_case_url(notice.case, notice.tab),
                    category=category,
                    dedupe_key=notice.dedupe_key,
                )
            )
    notification_send_many(items=items)
    return len(items)


def spos_for(case: Case) -> list[Any]:
    if not case.team_id:
        return []
    return spos_by_team([case.team_id])[case.team_id]


def spos_by_team(team_ids: Iterable[int]) -> dict[int, list[Any]]:
    """The active line managers of each team, in one query: {team_id: [staff]}
    (an empty list for a team nobody manages)."""
    team_ids = {t for t in team_ids if t}
    found: dict[int, list[Any]] = defaultdict(list)
    if not team_ids:
        return found
    through = Staff.managed_teams.through
    for link in through.objects.filter(
        team_id__in=team_ids, staff__role__in=roles.LINE_MANAGERS, staff__is_active=True
    ).select_related("staff"):
        found[link.team_id].append(link.staff)
    return found
