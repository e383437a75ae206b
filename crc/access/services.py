"""Writes to the access log, and opening a case for a request under the policy."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from crc.access.models import AccessKind, AccessLog
from crc.access.policy import (
    Action,
    CaseAccess,
    case_access,
    relationship_for_action,
    visible_cases,
)

# A stated reason covers further views of the same case for this long.
REASON_VALID_FOR = dt.timedelta(minutes=30)
SESSION_REASONS = "crc_access_reasons"


def access_log_record(**fields) -> AccessLog:
    """Write one access-log row. The keyword arguments are access_log_row's: the row is
    built in one place, whether it is written alone (here) or with others."""
    row = access_log_row(**fields)
    row.save(force_insert=True)
    return row


def access_log_record_many(*, rows: list[dict]) -> list[AccessLog]:
    """Several rows in one INSERT (a list response disclosing many cases), so logging
    a page of records costs one query however long the page. Each dict holds
    access_log_row's keyword arguments."""
    return AccessLog.objects.bulk_create([access_log_row(**row) for row in rows])


def access_log_row(
    *,
    kind: AccessKind,
    page: str,
    staff=None,
    case=None,
    case_crn: str = "",
    method: str = "",
    relationship: str = "",
    reason: str = "",
    partner_organisation=None,
    client_id: str = "",
    acting_person: str = "",
) -> AccessLog:
    """An access-log row, not yet saved: who (staff, or a partner's client and the person
    acting), which case, what page and why. Texts are cut to their columns."""
    return AccessLog(
        kind=kind,
        staff=staff,
        username=getattr(staff, "username", "") or "",
        partner_organisation=partner_organisation,
        client_id=client_id,
        acting_person=acting_person[:200],
        case_id=getattr(case, "pk", None),
        case_crn=getattr(case, "crn", "") or case_crn[:20],
        page=page[:200],
        method=method[:10],
        relationship=relationship,
        reason=reason,
    )


def case_use_record(*, staff, case, page: str, method: str, reason: str = "") -> AccessLog:
    """Log one use of a case outside case_open (a new case, the admin, a task list):
    a view for GET and HEAD, otherwise a change, under the relationship the user acts in."""
    relationship = relationship_for_action(staff, case)
    return access_log_record(
        kind=AccessKind.VIEW if method in ("GET", "HEAD") else AccessKind.CHANGE,
        page=page,
        staff=staff,
        case=case,
        method=method,
        relationship=relationship.value if relationship else "",
        reason=reason,
    )


def case_use_record_many(*, staff, uses: list[tuple[object, str]], page: str, method: str):
    """case_use_record for several cases at once (`uses`: (case, reason) pairs), in one
    INSERT: a list page that shows many cases logs them all for one query."""
    kind = AccessKind.VIEW if method in ("GET", "HEAD") else AccessKind.CHANGE
    rows = []
    for case, reason in uses:
        relationship = relationship_for_action(staff, case)
        rows.append(
            {
                "kind": kind,
                "page": page,
                "staff": staff,
                "case": case,
                "method": method,
                "relationship": relationship.value if relationship else "",
                "reason": reason,
            }
        )
    return access_log_record_many(rows=rows)


def stated_reason(request: HttpRequest, case) -> str | None:
    entry = request.session.get(SESSION_REASONS, {}).get(str(case.pk))
    if not entry:
        return None
    given_at = dt.datetime.fromisoformat(entry["at"])
    if timezone.now() - given_at > REASON_VALID_FOR:
        return None
    return entry["reason"]


def reason_state(*, request: HttpRequest, case, reason: str) -> None:
    """Remember a stated reason for viewing a case (the next views log it)."""
    reasons = request.session.get(SESSION_REASONS, {})
    reasons[str(case.pk)] = {"reason": reason, "at": timezone.now().isoformat()}
    request.session[SESSION_REASONS] = reasons


def reasoned_case_ids(request: HttpRequest) -> list[int]:
    """The cases this session has stated a still-valid reason for (the admin's lists show
    an administrator only these)."""
    now = timezone.now()
    return [
        int(pk)
        for pk, entry in request.session.get(SESSION_REASONS, {}).items()
        if now - dt.datetime.fromisoformat(entry["at"]) <= REASON_VALID_FOR
    ]


class ReasonRequired(Exception):
    """The user may see the case but has no relationship to it: ask them why first."""

    def __init__(self, case):
        super().__init__(case.crn)
        self.case = case


@dataclass(frozen=True)
class OpenedCase:
    case: object
    access: CaseAccess
    reason: str


def case_open(
    *,
    request: HttpRequest,
    queryset: QuerySet,
    crn: str,
    page: str,
    action: Action = Action.READ,
) -> OpenedCase:
    """Find a case the user may see (and act on), log the view, or log the denial and
    raise 404.

    Exactly one access-log row per call: a granted view or change, or a denied attempt
    (with the CRN asked for, whether or not such a case exists).
    """
    user = request.user
    kind = AccessKind.VIEW if request.method in ("GET", "HEAD") else AccessKind.CHANGE
    crn = crn.upper()
    case = visible_cases(user, queryset).filter(crn=crn).first()
    access = case_access(user, case) if case is not None else None
    if access is None or not access.can(action) or not access.may_open(page):
        refused = "" if access is None else f"not permitted: {action.value}"
        if access is not None and access.can(action):
            refused = f"not permitted: page {page}"
        access_log_record(
            kind=AccessKind.DENIED,
            page=page,
            staff=user,
            case_crn=crn,
            case=case or queryset.model.objects.filter(crn=crn).only("pk", "crn").first(),
            method=request.method,
            reason=refused,
        )
        raise Http404("No case found")
    reason = ""
    if access.needs_reason:
        reason = stated_reason(request, case)
        if reason is None:
            raise ReasonRequired(case)
    access_log_record(
        kind=kind,
        page=page,
        staff=user,
        case=case,
        method=request.method,
        relationship=access.relationship.value if access.relationship else "",
        reason=reason,
    )
    return OpenedCase(case=case, access=access, reason=reason)
