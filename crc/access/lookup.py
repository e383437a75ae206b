"""Case checks by CRN, for apps that hold a CRN as a value and no foreign key to the case
(notifications, the outbox). The case model is named by the CRC_CASE_MODEL setting, the
way AUTH_USER_MODEL names the user model, so crc still never imports a domain app.
"""

from django.apps import apps
from django.conf import settings
from django.db.models import Q, QuerySet

from crc.access.policy import visible_cases


def case_queryset() -> QuerySet:
    return apps.get_model(settings.CRC_CASE_MODEL)._default_manager.all()


def visible_case_crns(user) -> QuerySet:
    """The CRNs of the cases the user may open, as a subquery (one query however many)."""
    return visible_cases(user, case_queryset()).values("crn")


def about_visible_case_q(user, field: str = "case_crn") -> Q:
    """Rows about no case at all, or about a case the user may open.

    A row naming a case that no longer exists is hidden: fail closed.
    """
    return Q(**{field: ""}) | Q(**{f"{field}__in": visible_case_crns(user)})


def can_see_case(user, crn: str) -> bool:
    return visible_cases(user, case_queryset()).filter(crn=crn).exists()


def visible_crns_among(user, crns: set[str]) -> set[str]:
    """Which of these CRNs the user may open: one query, none for an empty set."""
    if not crns:
        return set()
    return set(
        visible_cases(user, case_queryset()).filter(crn__in=crns).values_list("crn", flat=True)
    )
