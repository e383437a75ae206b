"""Who may be allocated a case, and whom a given person may pick.

The role part and the limited-access lists are decided here; the grade rule (a PSO may
not hold a high-tier case) is a case-record rule and stays with the case (cases.rules),
asked through `holds_pso_grade`. Cases are reached by field convention (`access_entries`
with kind "exclusion" | "restriction"), so crc never imports the cases app.
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from crc.access import roles
from crc.organisation.models import Role


def holds_pso_grade(officer) -> bool:
    return officer.role == Role.PROBATION_SERVICES_OFFICER


def may_hold_cases(officer) -> bool:
    """The role part: an active probation officer or PSO."""
    return bool(officer.is_active and officer.role in roles.RESPONSIBLE_OFFICER_ROLES)


def may_hold_cases_q() -> Q:
    """may_hold_cases as a filter on staff, for lists of the officers who may hold cases."""
    return Q(role__in=roles.RESPONSIBLE_OFFICER_ROLES, is_active=True)


def may_be_named_on_access_lists_q() -> Q:
    """Whom a case's exclusion or restriction list may name, as a filter on staff: any
    active member of staff with a role (an account with no role works on no case)."""
    return Q(is_active=True) & ~Q(role="")


def blocked_by_access_lists(officer, case) -> bool:
    """Would the case's exclusion or restriction list hide it from this officer?"""
    entries = case.access_entries.all()
    if entries.filter(kind="exclusion", staff_id=officer.pk).exists():
        return True
    restricted = entries.filter(kind="restriction")
    return restricted.exists() and not restricted.filter(staff_id=officer.pk).exists()


def may_hold_case(officer, case) -> bool:
    """Role and limited access (the grade rule is the caller's, with the case's tier)."""
    return may_hold_cases(officer) and not blocked_by_access_lists(officer, case)


def allocatable_officers(user, case=None) -> QuerySet:
    """Whom this user may pick: an SPO from the teams they manage; an administrator from
    every active PO and PSO. With a case, officers its access lists hide are left out.
    The allocation service re-checks all of it inside its transaction."""
    officers = get_user_model().objects.filter(may_hold_cases_q())
    if user.role not in roles.ADMINISTRATORS:
        officers = officers.filter(team__in=user.managed_teams.all())
    if case is not None:
        entries = case.access_entries.model.objects.filter(case_id=case.pk)
        excluded = Exists(entries.filter(kind="exclusion", staff_id=OuterRef("pk")))
        restricted = entries.filter(kind="restriction")
        named = Exists(restricted.filter(staff_id=OuterRef("pk")))
        # One query for the page however the lists stand: the restriction test is a subquery.
        officers = officers.exclude(excluded).filter(~Exists(restricted) | named)
    return officers.select_related("team").order_by("last_name", "first_name", "pk")


def officer_grade(officer) -> str:
    return "PSO" if holds_pso_grade(officer) else "PO"
