"""Who may grant roles and change staff accounts: the account-management policy.

The staff admin asks these; nothing else decides who may give someone a role, since a
role decides which cases a person reaches. An administrator is a superuser; the
service centre opens accounts for officers only, and nobody changes their own role or
grants (the admin makes those fields read-only on one's own account).
"""

from crc.access import roles
from crc.organisation.models import Role


def may_grant_every_role(user) -> bool:
    """Administrators give any role and change roles, teams managed and areas later."""
    return bool(user.is_superuser)


def grantable_roles(user) -> frozenset[str]:
    """The roles this person may give a new account."""
    if may_grant_every_role(user):
        return frozenset(Role.values)
    return frozenset(roles.GRANTABLE_BY_SERVICE_CENTRE)


def may_change_account(user, account) -> bool:
    """An administrator's account is changed only by an administrator (or its owner)."""
    if account.role in roles.ADMINISTRATORS and account.pk != user.pk:
        return may_grant_every_role(user)
    return True
