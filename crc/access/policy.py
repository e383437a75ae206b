"""The one access policy: who may see and do what on which case.

Every list, page, count, export, admin queryset, API endpoint and notification asks
here. The case model is reached only through field conventions, so crc never imports
a domain app: a case has `responsible_officer`, `team` (-> office -> area) and
`access_entries` (kind "exclusion" | "restriction", staff).

Two layers:
  1. scope by role: whose cases these are to you (your own, your team's, your area's...);
  2. limited access on top: exclusions deny named staff; a restriction list allows
     only the staff it names. This layer binds administrators too.
Out of scope is always 404, never 403, so nobody can probe which CRNs exist.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Exists, OuterRef, Q, QuerySet

from crc.access import custody, roles

# Kept importable from here for callers written before roles.py.
ALL_CASES_ROLES = roles.ALL_CASES_ROLES
REASON_REQUIRED_ROLES = roles.REASON_REQUIRED_ROLES


class Relationship(StrEnum):
    ALLOCATED_OFFICER = "allocated officer"
    TEAM = "team"
    LINE_MANAGEMENT = "line management"
    AREA_MANAGEMENT = "line management (area)"
    QUALITY_AUDIT = "quality audit"
    SERVICE_CENTRE = "service centre"
    ADMINISTRATION = "administration"
    # Through the Gate (issue 11): a resettlement worker and a case in custody at their prison.
    PRISON_RESETTLEMENT = "prison resettlement"


class Action(StrEnum):
    """What the product lets someone do on a case they can see."""

    READ = "read"
    RECORD_CONTACT = "record_contact"  # appointments, contacts, absences, enforcement
    EDIT_PLAN = "edit_plan"  # assessment, sentence plan, information requests
    RECORD_RISK = "record_risk"  # RoSH, scores, registrations, needs, strengths
    COMPLETE_REVIEW = "complete_review"  # reviews and significant change
    EDIT_PERSON = "edit_person"  # personal details, orders and requirements
    ALLOCATE = "allocate"
    CHANGE_CONTACT_LEVEL = "change_contact_level"
    APPROVE = "approve"  # contact-level approvals
    OVERSEE = "oversee"  # management oversight and countersigning
    RAISE_ESCALATION = "raise_escalation"
    PROGRESS_ESCALATION = "progress_escalation"
    MANAGE_ACCESS_LISTS = "manage_access_lists"
    SERVICE_CENTRE_WORK = "service_centre_work"  # tasks raised on the case
    # Through the Gate (issue 11)
    SCREEN = "screen"  # resettlement needs screening, risk of harm on release
    PLAN_RESETTLEMENT = "plan_resettlement"  # the resettlement plan and its actions
    PREPARE_RELEASE = "prepare_release"  # pre-release contact, checklist, handover, release
    # The earlier name of APPROVE, kept for callers written before it.
    APPROVE_CONTACT_LEVEL = "approve"


_CASE_WORK = frozenset({Relationship.ALLOCATED_OFFICER, Relationship.LINE_MANAGEMENT})

# The table: which relationships may take which action. READ: any relationship at all.
# Area managers oversee by reading; they take no action on a case.
ACTION_RELATIONSHIPS: dict[Action, frozenset[Relationship]] = {
    Action.RECORD_CONTACT: _CASE_WORK,
    Action.EDIT_PLAN: _CASE_WORK,
    Action.RECORD_RISK: _CASE_WORK,
    Action.COMPLETE_REVIEW: _CASE_WORK,
    Action.EDIT_PERSON: frozenset(
        {Relationship.ALLOCATED_OFFICER, Relationship.SERVICE_CENTRE, Relationship.ADMINISTRATION}
    ),
    Action.ALLOCATE: frozenset({Relationship.LINE_MANAGEMENT, Relationship.ADMINISTRATION}),
    Action.CHANGE_CONTACT_LEVEL: _CASE_WORK,
    Action.APPROVE: frozenset({Relationship.LINE_MANAGEMENT}),
    Action.OVERSEE: frozenset({Relationship.LINE_MANAGEMENT}),
    Action.RAISE_ESCALATION: _CASE_WORK,
    Action.PROGRESS_ESCALATION: frozenset(
        {Relationship.LINE_MANAGEMENT, Relationship.SERVICE_CENTRE}
    ),
    Action.MANAGE_ACCESS_LISTS: frozenset(
        {Relationship.LINE_MANAGEMENT, Relationship.ADMINISTRATION}
    ),
    Action.SERVICE_CENTRE_WORK: frozenset(
        {Relationship.SERVICE_CENTRE, Relationship.ADMINISTRATION}
    ),
    # --- Through the Gate (issue 11) ---
    # The prison's resettlement worker screens and plans; the community officer (and
    # their SPO) does both too and alone prepares the release (contact, checklist, handover).
    Action.SCREEN: _CASE_WORK | {Relationship.PRISON_RESETTLEMENT},
    Action.PLAN_RESETTLEMENT: _CASE_WORK | {Relationship.PRISON_RESETTLEMENT},
    Action.PREPARE_RELEASE: _CASE_WORK,
}


# Which case pages a relationship may open, where it may not open them all (ADR
# 0010). A resettlement worker reads the parts of the record resettlement needs: the
# overview (who the person is), risk and tier (the risk of harm on release builds on it),
# the sentence (licence or PSS, the release) and every Through the Gate page; never the
# contacts, the assessment and sentence plan, reviews, the timeline or the history.
# Page names are the URL names case pages are opened under (cases.pages.case_page).
CASE_PAGES_BY_RELATIONSHIP: dict[Relationship, tuple[frozenset[str], tuple[str, ...]]] = {
    Relationship.PRISON_RESETTLEMENT: (
        frozenset({"cases:overview", "cases:risk", "cases:sentence"}),
        ("resettlement:",),
    ),
}


def may_open_case_page(relationship: Relationship | None, page: str) -> bool:
    """May someone with this relationship open this case page? Everyone may open every
    case page they can see, except the relationships limited above (deny by default)."""
    limit = CASE_PAGES_BY_RELATIONSHIP.get(relationship) if relationship else None
    if limit is None:
        return True
    pages, prefixes = limit
    return page in pages or page.startswith(prefixes)


def allowed(relationship: Relationship | None, action: Action) -> bool:
    """The table itself: may someone with this relationship to a case take this action?"""
    if relationship is None:
        return False
    if action == Action.READ:
        return True
    return relationship in ACTION_RELATIONSHIPS[action]


def managed_team_ids(user) -> frozenset[int]:
    # Cached on the user object: one query per request however many cases are checked.
    cached = getattr(user, "_crc_managed_team_ids", None)
    if cached is None:
        if user.role in roles.LINE_MANAGERS:
            cached = frozenset(user.managed_teams.values_list("id", flat=True))
        else:
            cached = frozenset()
        user._crc_managed_team_ids = cached
    return cached


def role_scope_q(user) -> Q:
    """Cases within the user's reach by role, before limited-access lists apply."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    role = user.role
    if role in roles.ALL_CASES_ROLES:
        return Q()
    if role in roles.AREA_MANAGERS:
        if not user.managed_area_id:
            return Q(pk__in=[])
        return Q(team__office__area_id=user.managed_area_id)
    scope = Q(responsible_officer_id=user.pk)
    if user.team_id:
        scope |= Q(team_id=user.team_id)
    if role in roles.LINE_MANAGERS:
        scope |= Q(team_id__in=managed_team_ids(user))
    if role in roles.CASE_HOLDERS:
        return scope
    if role in roles.RESETTLEMENT_WORKERS:
        return custody.prison_custody_q(user)
    return Q(pk__in=[])


def in_role_scope(user, *, responsible_officer_id, team_id, area_id) -> bool | None:
    """role_scope_q for one case's fields, in Python, for crc.access.bulk: keep the two
    in step (tests/access/test_bulk_visibility.py compares them for every persona).
    None when these fields cannot decide it (a resettlement worker's custody cases)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    role = user.role
    if role in roles.ALL_CASES_ROLES:
        return True
    if role in roles.AREA_MANAGERS:
        return bool(user.managed_area_id) and area_id == user.managed_area_id
    if role in roles.CASE_HOLDERS:
        return (
            responsible_officer_id == user.pk
            or (bool(user.team_id) and team_id == user.team_id)
            or (role in roles.LINE_MANAGERS and team_id in managed_team_ids(user))
        )
    if role in roles.RESETTLEMENT_WORKERS:
        return None
    return False


def prefetch_managed_team_ids(users) -> None:
    """Fill managed_team_ids' cache for many users in one query."""
    managers = [
        u
        for u in users
        if u.role in roles.LINE_MANAGERS and getattr(u, "_crc_managed_team_ids", None) is None
    ]
    if not managers:
        return
    through = type(managers[0]).managed_teams.through
    teams: dict[int, set[int]] = {u.pk: set() for u in managers}
    for staff_id, team_id in through.objects.filter(staff_id__in=list(teams)).values_list(
        "staff_id", "team_id"
    ):
        teams[staff_id].add(team_id)
    for user in managers:
        user._crc_managed_team_ids = frozenset(teams[user.pk])


def _entries(queryset: QuerySet):
    return queryset.model._meta.get_field("access_entries").related_model.objects


def blocked_expression(user, queryset: QuerySet):
    """True for cases the limited-access lists hide from this user."""
    entries = _entries(queryset)
    excluded = Exists(entries.filter(case=OuterRef("pk"), kind="exclusion", staff_id=user.pk))
    has_restriction = Exists(entries.filter(case=OuterRef("pk"), kind="restriction"))
    named = Exists(entries.filter(case=OuterRef("pk"), kind="restriction", staff_id=user.pk))
    return excluded | (has_restriction & ~named)


def is_blocked(user, entries: set[tuple[str, int]]) -> bool:
    """blocked_expression for one case, in Python, given its limited-access entries as
    (kind, staff id) pairs; for crc.access.bulk (keep the two in step)."""
    excluded = ("exclusion", user.pk) in entries
    has_restriction = any(kind == "restriction" for kind, _ in entries)
    named = ("restriction", user.pk) in entries
    return excluded or (has_restriction and not named)


def visible_cases(user, queryset: QuerySet) -> QuerySet:
    """Cases the user may open: in scope by role and not hidden by limited access."""
    return queryset.filter(role_scope_q(user)).exclude(blocked_expression(user, queryset))


def listable_cases(user, queryset: QuerySet) -> QuerySet:
    """Cases for the user's lists. Cases hidden by limited access stay in the list (as
    "Restricted case" with the CRN only) and carry `access_blocked=True`."""
    return queryset.filter(role_scope_q(user)).annotate(
        access_blocked=blocked_expression(user, queryset)
    )


def relationship_to(user, case) -> Relationship | None:
    """Why this user may see this case, for the access log. None: they must say why."""
    role = user.role
    if role in roles.RESETTLEMENT_WORKERS:
        if custody.in_custody_at_users_prison(user, case):
            return Relationship.PRISON_RESETTLEMENT
        return None
    if role not in roles.CASE_ROLES:
        return None
    if case.responsible_officer_id == user.pk:
        return Relationship.ALLOCATED_OFFICER
    if role in roles.LINE_MANAGERS and case.team_id in managed_team_ids(user):
        return Relationship.LINE_MANAGEMENT
    if role in roles.AREA_MANAGERS:
        # Oversight, not case work: area managers read, they do not act on cases.
        return Relationship.AREA_MANAGEMENT
    if user.team_id and case.team_id == user.team_id:
        return Relationship.TEAM
    if role in roles.QUALITY_AUDITORS:
        return Relationship.QUALITY_AUDIT
    if role in roles.SERVICE_CENTRE:
        return Relationship.SERVICE_CENTRE
    return None


def must_state_reason(user) -> bool:
    """Does every case this user opens need a stated reason first? True for the roles with
    no working relationship to any case (administrators), so no row of a case list may
    show them a case before they say why."""
    return getattr(user, "role", None) in REASON_REQUIRED_ROLES


def relationship_for_action(user, case) -> Relationship | None:
    """The relationship that governs what the user may *do*. Administrators act as
    administration even though their views need a stated reason."""
    relationship = relationship_to(user, case)
    if relationship is None and user.role in roles.ADMINISTRATORS:
        return Relationship.ADMINISTRATION
    return relationship


@dataclass(frozen=True)
class CaseAccess:
    """What the policy decided for one user and one visible case."""

    user: object
    case: object
    relationship: Relationship | None

    def can(self, action: Action) -> bool:
        return can(self.user, action, self.case)

    def may_open(self, page: str) -> bool:
        return may_open_case_page(self.relationship, page)

    @property
    def needs_reason(self) -> bool:
        return self.relationship is None


def can(user, action: Action, case) -> bool:
    """May the user take this action on a case they can see? (Callers check visibility
    first; this only answers for cases the user can open.)"""
    return allowed(relationship_for_action(user, case), action)


def case_access(user, case) -> CaseAccess:
    return CaseAccess(user=user, case=case, relationship=relationship_to(user, case))
