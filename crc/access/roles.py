"""Role sets, written once. Everything that asks "is this person one of ...?" asks here
(through policy.py, pages.py or the allocation rules), never by comparing roles itself.

The satellite roles (unpaid work, resettlement, provider caseworkers) are in no set yet:
they reach no case and no page beyond home, their account and the API reference until
their apps add them.
"""

from crc.organisation.models import Role

# Who may be allocated a case as its responsible officer (grade rules apply on top).
# Staff.is_responsible_officer reads the same set (organisation keeps its own copy, as it
# sits below access): a test keeps the two equal.
RESPONSIBLE_OFFICER_ROLES = frozenset({Role.PROBATION_OFFICER, Role.PROBATION_SERVICES_OFFICER})
# Who holds a caseload: officers, and SPOs, who may also hold cases of their own.
CASE_HOLDERS = frozenset(
    {Role.PROBATION_OFFICER, Role.PROBATION_SERVICES_OFFICER, Role.SENIOR_PROBATION_OFFICER}
)
LINE_MANAGERS = frozenset({Role.SENIOR_PROBATION_OFFICER})
AREA_MANAGERS = frozenset({Role.AREA_MANAGER})
QUALITY_AUDITORS = frozenset({Role.QUALITY_PERFORMANCE_MANAGER})
SERVICE_CENTRE = frozenset({Role.SERVICE_CENTRE})
ADMINISTRATORS = frozenset({Role.ADMINISTRATOR})
# Whose reach by role is the whole CRC (limited-access lists still bind them).
ALL_CASES_ROLES = QUALITY_AUDITORS | SERVICE_CENTRE | ADMINISTRATORS
# Administrators have no working relationship with cases: they state a reason first.
REASON_REQUIRED_ROLES = ADMINISTRATORS
# Every role that works with the case record at all.
CASE_ROLES = CASE_HOLDERS | AREA_MANAGERS | ALL_CASES_ROLES
# The administrative hub: creates cases, works the task list, uses the admin site.
CASE_CREATORS = SERVICE_CENTRE | ADMINISTRATORS
TASK_WORKERS = SERVICE_CENTRE | ADMINISTRATORS
# Staff.save sets is_staff from the same set (a test keeps the two equal).
ADMIN_SITE_ROLES = SERVICE_CENTRE | ADMINISTRATORS
AUDITORS = ADMINISTRATORS

# Every role: any member of staff who has been given one (the partner API's reference).
ALL_ROLES = frozenset(Role)

# --- Through the Gate (issue 11) ---
# Resettlement workers reach the custody cases of their own prison (crc/access/custody.py),
# not the case record at large, so they are in no set above.
RESETTLEMENT_WORKERS = frozenset({Role.RESETTLEMENT_WORKER})
# Who sees the custody view of their own people (the community officers).
CUSTODY_VIEWERS = CASE_HOLDERS


def has_role(user, roles: frozenset) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "role", None) in roles
    )


# Roles the service centre may give a new account; every other role, and any change of
# role later, is an administrator's decision (crc/access/accounts.py).
GRANTABLE_BY_SERVICE_CENTRE = RESPONSIBLE_OFFICER_ROLES
