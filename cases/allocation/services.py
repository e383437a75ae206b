"""Writes to who holds a case (allocation) and who may see it (exclusion and
restriction lists)."""

from django.db import transaction
from django.utils import timezone

from cases.allocation import rules as allocation_rules
from cases.models import (
    AccessListKind,
    Agency,
    Allocation,
    Case,
    CaseAccessEntry,
    ContactLevelStatus,
)
from cases.notify import case_notify
from cases.planning.information_requests import (
    information_request_required,
    information_request_send_due,
)
from cases.risk.contact_levels import contact_level_apply_grid
from crc.access import allocation as access_allocation
from crc.domain import DomainError
from crc.history import save_as
from crc.stale import version_check

# --- Allocation --------------------------------------------------------------------


def allocation_state(case: Case) -> dict:
    """Who holds the case, named as the allocation form's field, for its version token."""
    return {"officer": case.responsible_officer}


@transaction.atomic
def case_allocate(
    *, case: Case, officer, reason: str, by, version: str | None = None
) -> Allocation:
    """Allocate (or reallocate) the case to a responsible officer in their team."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    version_check(version, allocation_state(case), what="allocation")
    if not reason.strip():
        raise DomainError("Give a reason for the allocation", field="reason")
    if not access_allocation.may_hold_cases(officer):
        raise DomainError(
            "Cases can only be allocated to a probation officer or PSO", field="officer"
        )
    if not officer.team_id:
        raise DomainError("The officer is not in a team", field="officer")
    if access_allocation.holds_pso_grade(officer) and not allocation_rules.psos_may_hold(case.tier):
        raise DomainError(
            f"A probation services officer cannot hold a tier {case.tier} case: "
            "allocate it to a probation officer",
            field="officer",
        )
    if case.responsible_officer_id == officer.pk:
        raise DomainError("The case is already allocated to this officer", field="officer")
    if access_allocation.blocked_by_access_lists(officer, case):
        raise DomainError("This officer may not see this restricted case", field="officer")

    now = timezone.now()
    Allocation.objects.filter(case=case, ended_at__isnull=True).update(ended_at=now)
    allocation = Allocation.objects.create(
        case=case,
        officer=officer,
        team_id=officer.team_id,
        reason=reason.strip(),
        allocated_by=by,
        started_at=now,
    )
    case.responsible_officer = officer
    case.team_id = officer.team_id
    save_as(case, by, update_fields=["responsible_officer", "team", "updated_at"])
    if not case.contact_levels.filter(status=ContactLevelStatus.ACTIVE).exists():
        contact_level_apply_grid(case=case, by=by, reason="Set by the Grid at allocation")
    body = f"Case {case.crn} has been allocated to you. Reason: {reason.strip()}"
    needed = information_request_required(case)
    if needed:
        # The allocation starts the clock on the requests the assessment needs.
        send_by = information_request_send_due(case)
        agencies = " and ".join(Agency(agency).label.lower() for agency in needed)
        body += f" Send information requests to {agencies} by {send_by:%d %B %Y}."
    case_notify(
        case=case,
        people=[officer],
        subject=f"Case {case.crn} allocated to you",
        body=body,
        category="allocation",
        dedupe_key=f"allocation:{allocation.pk}",
    )
    return allocation


# --- Limited access -------------------------------------------------------------------


def access_lists_state(case: Case) -> dict:
    """Who is on the case's exclusion and restriction lists, for its version token."""
    entries = case.access_entries.select_related("staff").order_by("kind", "staff_id")
    return {
        "exclusion_list": [e.staff for e in entries if e.kind == AccessListKind.EXCLUSION],
        "restriction_list": [e.staff for e in entries if e.kind == AccessListKind.RESTRICTION],
    }


@transaction.atomic
def access_entry_add(
    *, case: Case, by, staff, kind: str, reason: str, version: str | None = None
) -> CaseAccessEntry:
    if version is not None:
        case = Case.objects.select_for_update().get(pk=case.pk)
        version_check(version, access_lists_state(case), what="access lists")
    if not reason.strip():
        raise DomainError("Give a reason for limiting access", field="reason")
    if kind == AccessListKind.EXCLUSION and staff.pk == case.responsible_officer_id:
        raise DomainError(
            "Reallocate the case before excluding its responsible officer", field="staff"
        )
    entry, created = CaseAccessEntry.objects.get_or_create(
        case=case, staff=staff, kind=kind, defaults={"reason": reason.strip(), "added_by": by}
    )
    if not created:
        raise DomainError("This person is already on that list", field="staff")
    if (
        kind == AccessListKind.RESTRICTION
        and case.responsible_officer_id
        and not CaseAccessEntry.objects.filter(
            case=case, kind=AccessListKind.RESTRICTION, staff_id=case.responsible_officer_id
        ).exists()
    ):
        # A restriction list that leaves out the officer holding the case would lock
        # them out of their own work: name them too.
        CaseAccessEntry.objects.create(
            case=case,
            staff_id=case.responsible_officer_id,
            kind=AccessListKind.RESTRICTION,
            reason="Responsible officer (added automatically)",
            added_by=by,
        )
    return entry
