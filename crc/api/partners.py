"""Who is calling, and which endpoints their kind of organisation may reach.

The allow-list is fail-closed: an endpoint is reachable only by the partner types
named here, and a partner type with no entry reaches nothing. Everything else is 404,
never 403, so a partner cannot learn which endpoints (or records) exist for others.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from crc.organisation.models import PartnerOrganisation, PartnerType

ACTING_PERSON_HEADER = "X-Acting-Person"
ACTING_PERSON_MAX_LENGTH = 200
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class Capability(StrEnum):
    INFORMATION_REQUESTS = "information-requests"
    EVENTS = "events"
    RESETTLEMENT_PLANS = "resettlement-plans"  # a provider's custody cases' plans
    CUSTODY = "custody"  # a prison's receptions and release-date changes
    UNPAID_WORK = "unpaid-work"
    INTERVENTIONS = "interventions"


ENDPOINT_ALLOW_LIST: dict[str, frozenset[Capability]] = {
    PartnerType.POLICE: frozenset({Capability.INFORMATION_REQUESTS, Capability.EVENTS}),
    PartnerType.CHILDRENS_SOCIAL_CARE: frozenset({Capability.INFORMATION_REQUESTS}),
    # Through the Gate (issue 11).
    PartnerType.RESETTLEMENT_PROVIDER: frozenset({Capability.RESETTLEMENT_PLANS}),
    PartnerType.PRISON: frozenset({Capability.CUSTODY}),
    PartnerType.UNPAID_WORK_HOST: frozenset({Capability.UNPAID_WORK}),
    PartnerType.INTERVENTION_PROVIDER: frozenset({Capability.INTERVENTIONS}),
    # The NPS gets its endpoints with its own issue; until then: nothing.
}


def partner_may_use(partner_type: str, capability: Capability) -> bool:
    return capability in ENDPOINT_ALLOW_LIST.get(partner_type, frozenset())


@dataclass(frozen=True)
class Partner:
    """The calling partner, resolved from the OAuth application behind the token."""

    organisation: PartnerOrganisation
    application: object
    client_id: str
    acting_person: str

    @property
    def partner_type(self) -> str:
        return self.organisation.partner_type


class ActingPersonInvalid(ValueError):
    pass


def acting_person_from(headers) -> str:
    """The optional named individual at the partner, as they gave it. Stored in every
    log row, so it is bounded and stripped of control characters (log injection)."""
    value = (headers.get(ACTING_PERSON_HEADER) or "").strip()
    if len(value) > ACTING_PERSON_MAX_LENGTH:
        raise ActingPersonInvalid(
            f"{ACTING_PERSON_HEADER} must be at most {ACTING_PERSON_MAX_LENGTH} characters"
        )
    return _CONTROL_CHARACTERS.sub(" ", value)


def partner_for_token(token, headers) -> Partner | None:
    """The partner a valid access token speaks for, or None if its application is not a
    live partner application (revoked, inactive organisation, or not a partner's)."""
    application = getattr(token, "application", None)
    if application is None:
        return None
    link = getattr(application, "partner_application", None)
    if link is None or not link.is_usable:
        return None
    return Partner(
        organisation=link.partner_organisation,
        application=application,
        client_id=application.client_id,
        acting_person=acting_person_from(headers),
    )
