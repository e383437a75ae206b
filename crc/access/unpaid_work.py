"""Who may see what of unpaid work (DOMAIN.md §5), written by field conventions so crc
never imports unpaidwork: a session has `supervisor_id`; an attendance has `session`
(-> `supervisor_id`) and `order` (-> `case`).

Decisions:
- The coordinator runs projects, nominations, inductions, allocation and the schedule:
  every session and every attendance.
- The supervisor sees only the people on their OWN sessions, and of them only what
  running a session needs (SUPERVISOR_PERSON_FIELDS). A supervisor opens NO case record
  page at all, not even of the people on their sessions: the role is in no case role set,
  so `visible_cases` gives them nothing; the register carries what they need instead.
- A placement host (partner API, scope `unpaid-work`) sees the sessions of its OWN
  projects (a session's `project` -> `host_id`) and, of the people on them, the same
  redacted view as a supervisor.
- Everyone else: nothing here (officers see unpaid work on the case, through case pages).
"""

from django.db.models import Q, QuerySet

from crc.organisation.models import Role

COORDINATORS = frozenset({Role.UNPAID_WORK_COORDINATOR})
SUPERVISORS = frozenset({Role.UNPAID_WORK_SUPERVISOR})
SESSION_ROLES = COORDINATORS | SUPERVISORS

# The only things about a person a supervisor is shown (no address, no offence detail,
# no photo): enough to know who to expect, and whether anything makes them unsafe to
# place alongside others (the redacted risk view: the RoSH level only).
SUPERVISOR_PERSON_FIELDS = ("first_name", "last_name", "crn", "rosh_overall")


def _active_role(user) -> str | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return user.role


def session_scope_q(user, *, prefix: str = "") -> Q:
    """Sessions (or, with `prefix="session__"`, attendances) the user may see."""
    role = _active_role(user)
    if role in COORDINATORS:
        return Q()
    if role in SUPERVISORS:
        return Q(**{f"{prefix}supervisor_id": user.pk})
    return Q(pk__in=[])


def host_session_scope_q(partner_organisation, *, prefix: str = "") -> Q:
    """Sessions (or, with `prefix="session__"`, attendances) a placement host may see
    through the API: those of the projects it hosts, nothing else."""
    if partner_organisation is None or not getattr(partner_organisation, "pk", None):
        return Q(pk__in=[])
    return Q(**{f"{prefix}project__host_id": partner_organisation.pk})


def host_sessions(partner_organisation, queryset: QuerySet) -> QuerySet:
    return queryset.filter(host_session_scope_q(partner_organisation))


def host_attendances(partner_organisation, queryset: QuerySet) -> QuerySet:
    return queryset.filter(host_session_scope_q(partner_organisation, prefix="session__"))


def visible_sessions(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(session_scope_q(user))


def visible_attendances(user, queryset: QuerySet) -> QuerySet:
    return queryset.filter(session_scope_q(user, prefix="session__"))


def may_supervise_sessions(user) -> bool:
    """Whether the user may be named a project's or a session's supervisor (the services
    ask this before saving one; an inactive account may not)."""
    return _active_role(user) in SUPERVISORS


def may_run_session(user, session) -> bool:
    """Record the register and stand the session down: its own supervisor, or a
    coordinator (who covers a session whose supervisor is away)."""
    role = _active_role(user)
    if role in COORDINATORS:
        return True
    return role in SUPERVISORS and session.supervisor_id == user.pk


def may_see_person_on(user, attendance) -> bool:
    """The person on this attendance, as far as the unpaid work pages go."""
    return may_run_session(user, attendance.session)


def person_view(user, case) -> dict:
    """What of the person the user is shown on a register: the supervisor gets only the
    redacted fields; nobody gets anything more here (the case record is elsewhere)."""
    return {field: getattr(case, field, None) for field in SUPERVISOR_PERSON_FIELDS}
