"""Through the Gate: which cases a resettlement worker reaches.

A resettlement worker works in a prison (`Staff.partner_organisation` is the prison's
partner organisation). They see the cases with an open custody episode at a prison
linked to that organisation, and no others: when the person is released or moves
prison, the case leaves their reach.

Reached by field conventions, so crc never imports the resettlement app: a case has
`custody_episodes` with `status` ("in_custody" while open) and `prison` -> `partner`.
"""

from django.db.models import Q

from crc.access import roles

IN_CUSTODY = "in_custody"


def prison_custody_q(user) -> Q:
    """Cases in custody at the user's prison; nothing for anyone without a prison."""
    if user.role not in roles.RESETTLEMENT_WORKERS or not user.partner_organisation_id:
        return Q(pk__in=[])
    # One filter call: both conditions bind the same episode row (and a case has at
    # most one open episode, so the join cannot repeat a case).
    return Q(
        custody_episodes__status=IN_CUSTODY,
        custody_episodes__prison__partner_id=user.partner_organisation_id,
    )


def in_custody_at_users_prison(user, case) -> bool:
    if user.role not in roles.RESETTLEMENT_WORKERS or not user.partner_organisation_id:
        return False
    return case.custody_episodes.filter(
        status=IN_CUSTODY, prison__partner_id=user.partner_organisation_id
    ).exists()


# --- Partners (the resettlement API) --------------------------------------------------
# Querysets of custody episodes (`status`, `resettlement_provider`, `prison` -> `partner`,
# `case`), by the same field conventions.


def provider_episodes(partner_organisation, episodes):
    """The open custody episodes a resettlement provider works on: its own, while the
    person is in custody. Nothing else, whatever the token's scopes."""
    return episodes.filter(status=IN_CUSTODY, resettlement_provider=partner_organisation)


def prison_episodes(partner_organisation, episodes):
    """The open custody episodes at the prison this partner organisation is."""
    return episodes.filter(status=IN_CUSTODY, prison__partner=partner_organisation)


def prison_may_receive(partner_organisation, cases):
    """The cases a prison may post a reception for: any active case (it holds the person
    and has their CRN from the court). Anything else is the same 404 as an unknown CRN."""
    return cases.filter(status="active")
