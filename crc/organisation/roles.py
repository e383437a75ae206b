"""Staff roles as Django groups with model permissions.

The Django admin checks model permissions; which *cases* anyone may see is decided by
crc.access, never here. Permissions are named "app_label.codename"; entries for apps
that do not exist yet are skipped, so later apps only add lines.
"""

from django.contrib.auth.models import Group, Permission

from crc.organisation.models import Role

VIEW = ("view",)
EDIT = ("view", "add", "change")

# role -> {"app_label.model": actions}
ROLE_MODEL_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    Role.SERVICE_CENTRE: {
        "organisation.area": VIEW,
        "organisation.office": VIEW,
        "organisation.team": VIEW,
        "organisation.staff": EDIT,
        "organisation.partnerorganisation": EDIT,
        "notifications.notification": VIEW,
        "notifications.outboxmessage": VIEW,
        # The case record: the service centre reads it all in the admin (scoped by
        # crc.access), corrects person details and works its own tasks. Nothing is
        # deleted: history is the record.
        "cases.case": ("view", "change"),
        "cases.order": VIEW,
        "cases.requirement": VIEW,
        "cases.licencecondition": VIEW,
        "cases.allocation": VIEW,
        "cases.registration": VIEW,
        "cases.criminogenicneed": VIEW,
        "cases.contactleveldecision": VIEW,
        "cases.escalation": VIEW,
        "cases.caseaccessentry": VIEW,
        "cases.servicecentretask": ("view", "change"),
        "cases.gridrule": VIEW,
        "cases.registrationpolicy": VIEW,
        "cases.deadlinepolicy": VIEW,
        "cases.interventionsuggestion": VIEW,
        "cases.assessment": VIEW,
        "cases.informationrequest": VIEW,
        "cases.sentenceplan": VIEW,
        "cases.planaction": VIEW,
        "cases.appointment": VIEW,
        "cases.contact": VIEW,
        "cases.enforcementaction": VIEW,
        "cases.significantchange": VIEW,
        "cases.review": VIEW,
        "cases.oversightentry": VIEW,
        # Unpaid work: the people's records are read (scoped and logged like the case
        # record's); projects are kept here too, saved through unpaidwork.services.
        "unpaidwork.unpaidworkorder": VIEW,
        "unpaidwork.extension": VIEW,
        "unpaidwork.induction": VIEW,
        "unpaidwork.etereferral": VIEW,
        "unpaidwork.placement": VIEW,
        "unpaidwork.attendance": VIEW,
        "unpaidwork.knowntension": VIEW,
        "unpaidwork.projectsession": VIEW,
        "unpaidwork.nomination": VIEW,
        "unpaidwork.unpaidworkpolicy": VIEW,
        "unpaidwork.project": EDIT,
    },
    Role.ADMINISTRATOR: {},  # superuser: every permission
}


def group_name(role: str) -> str:
    return Role(role).label


def sync_role_groups() -> None:
    """Create one group per role and give it exactly its permissions."""
    wanted: dict[str, set[tuple[str, str]]] = {}
    for role in Role:
        pairs: set[tuple[str, str]] = set()
        for model_key, actions in ROLE_MODEL_PERMISSIONS.get(role, {}).items():
            app_label, model = model_key.split(".")
            for action in actions:
                pairs.add((app_label, f"{action}_{model}"))
        wanted[role] = pairs
    all_pairs = set().union(*wanted.values())
    permissions = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in={codename for _, codename in all_pairs}
        )
    }
    for role, pairs in wanted.items():
        group, _ = Group.objects.get_or_create(name=group_name(role))
        group.permissions.set([permissions[pair] for pair in pairs if pair in permissions])


def sync_role_groups_after_migrate(**kwargs) -> None:
    sync_role_groups()


def assign_role_group(staff) -> None:
    """Put a staff member in their role's group and no other role group."""
    role_groups = {group_name(r) for r in Role}
    current = set(staff.groups.filter(name__in=role_groups).values_list("name", flat=True))
    target = group_name(staff.role) if staff.role else None
    if current == ({target} if target else set()):
        return
    staff.groups.remove(*Group.objects.filter(name__in=current - {target}))
    if target:
        group, _ = Group.objects.get_or_create(name=target)
        staff.groups.add(group)


def assign_role_group_after_save(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        assign_role_group(instance)
