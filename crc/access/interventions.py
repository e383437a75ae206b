"""Who may see and do what on intervention referrals.

Two kinds of people touch a referral:

* the provider caseworker, a partner account (`Staff.partner_organisation` is their
  provider). They are not case readers: they reach no case, no staff page and no case
  notification. They see only referrals made to their own organisation (the referral's
  service's provider), and only the redacted risk stored on the referral.
* the probation staff, who reach a referral through its case: reading it is reading the
  case (crc.access.policy); referring, approving a plan and withdrawing are case work.

Notifications (decided here, so the notification code has one place to ask): a provider
caseworker is never a recipient of a case notification, because they are not a case
reader. What they are told is referral-scoped and carries no case text: a referral sent
to their organisation and not yet assigned (to every active caseworker of the provider),
and an approved or withdrawn referral (to its assigned caseworker). `may_notify_provider`
is the check.

Referrals are reached by field convention: a referral has `case`, `service` (->
`provider`) and `caseworker`; crc never imports the interventions app.
"""

from enum import StrEnum

from django.db.models import QuerySet

from crc.access import policy, roles
from crc.organisation.models import Role

PROVIDER_CASEWORKERS = frozenset({Role.PROVIDER_CASEWORKER})


class ReferralAction(StrEnum):
    """What probation staff do to a referral, through the case it belongs to."""

    SEARCH_DIRECTORY = "search_directory"
    REFER = "refer"
    APPROVE_PLAN = "approve_plan"
    WITHDRAW = "withdraw"


class ProviderAction(StrEnum):
    """What a provider caseworker does to a referral made to their organisation."""

    READ = "read"
    ASSIGN = "assign"
    RECORD_APPOINTMENT = "record_appointment"
    SUBMIT_ACTION_PLAN = "submit_action_plan"
    RECORD_SESSION = "record_session"
    SUBMIT_END_OF_SERVICE_REPORT = "submit_end_of_service_report"


# The officer's actions are case work: the same relationships that may edit the plan.
REFERRAL_ACTIONS: dict[ReferralAction, policy.Action] = {
    ReferralAction.REFER: policy.Action.EDIT_PLAN,
    ReferralAction.APPROVE_PLAN: policy.Action.EDIT_PLAN,
    ReferralAction.WITHDRAW: policy.Action.EDIT_PLAN,
}
# Searching the directory is not about one case: anyone who holds a caseload may.
DIRECTORY_ROLES = roles.CASE_HOLDERS

# Actions only the assigned caseworker takes once a referral is assigned; before that any
# caseworker of the provider may pick it up (the Unassigned list).
ASSIGNED_ONLY = frozenset(
    {
        ProviderAction.RECORD_APPOINTMENT,
        ProviderAction.SUBMIT_ACTION_PLAN,
        ProviderAction.RECORD_SESSION,
        ProviderAction.SUBMIT_END_OF_SERVICE_REPORT,
    }
)


def is_provider_caseworker(user) -> bool:
    return roles.has_role(user, PROVIDER_CASEWORKERS) and bool(
        getattr(user, "partner_organisation_id", None)
    )


def provider_of(referral) -> int | None:
    return referral.service.provider_id


def provider_referrals(user, queryset: QuerySet) -> QuerySet:
    """The referrals of `queryset` a provider caseworker may see: those made to their
    organisation. Anyone else: none (staff reach referrals through the case)."""
    if not is_provider_caseworker(user):
        return queryset.none()
    return queryset.filter(service__provider_id=user.partner_organisation_id)


def organisation_referrals(partner_organisation, queryset: QuerySet) -> QuerySet:
    """The same scope for an API client acting for the organisation itself."""
    if partner_organisation is None:
        return queryset.none()
    return queryset.filter(service__provider_id=partner_organisation.pk)


def provider_may(user, action: ProviderAction, referral) -> bool:
    if not is_provider_caseworker(user) or user.partner_organisation_id != provider_of(referral):
        return False
    if action in ASSIGNED_ONLY:
        return referral.caseworker_id == user.pk
    return True


def may_be_assigned(caseworker, referral) -> bool:
    """Who a referral may be assigned to: an active caseworker of the referral's provider."""
    return is_provider_caseworker(caseworker) and (
        caseworker.partner_organisation_id == provider_of(referral)
    )


def may_search_directory(user) -> bool:
    return roles.has_role(user, DIRECTORY_ROLES)


def officer_may(user, action: ReferralAction, case) -> bool:
    """May this member of staff take this action on a referral of a case they can see?"""
    if action == ReferralAction.SEARCH_DIRECTORY:
        return may_search_directory(user)
    if is_provider_caseworker(user) or not roles.has_role(user, roles.CASE_ROLES):
        return False
    return policy.can(user, REFERRAL_ACTIONS[action], case)


def may_notify_provider(user, referral) -> bool:
    """May a referral-scoped notification about this referral go to this person?"""
    return provider_may(user, ProviderAction.READ, referral) and (
        referral.caseworker_id in (None, user.pk)
    )


def notifiable_caseworkers(referral, people: QuerySet) -> QuerySet:
    """Of `people` (staff), those a referral-scoped notification may go to: the active
    caseworkers of the referral's provider while it is unassigned, then its caseworker."""
    scoped = people.filter(
        role__in=PROVIDER_CASEWORKERS,
        partner_organisation_id=provider_of(referral),
        is_active=True,
    )
    if referral.caseworker_id is not None:
        scoped = scoped.filter(pk=referral.caseworker_id)
    return scoped
