"""OAuth2 scopes and what each kind of partner may ask for.

Scopes are capabilities (`<resource>:<read|write>`), so later issues (unpaid work,
resettlement, interventions) add their own without renaming these. A token only ever
carries scopes its organisation's type allows: the scopes backend below narrows what
django-oauth-toolkit offers per application, and the endpoint allow-list
(crc.api.partners) is checked on every request as well, so a mis-scoped token still
cannot reach an endpoint its partner type is not entitled to.
"""

from oauth2_provider.scopes import SettingsScopes

from crc.organisation.models import PartnerType

INFORMATION_REQUESTS_READ = "information-requests:read"
INFORMATION_REQUESTS_WRITE = "information-requests:write"
EVENTS_WRITE = "events:write"
# Through the Gate (issue 11): providers read and update their custody cases' plans;
# prisons post receptions and release-date changes.
RESETTLEMENT_PLANS_READ = "resettlement:plans-read"
RESETTLEMENT_PLANS_WRITE = "resettlement:plans-write"
RESETTLEMENT_CUSTODY_WRITE = "resettlement:custody-write"
UNPAID_WORK_READ = "unpaid-work:read"
UNPAID_WORK_WRITE = "unpaid-work:write"
# Interventions (issue 12): a provider's own referrals, and its side of their lifecycle.
INTERVENTIONS_READ = "interventions:read"
INTERVENTIONS_WRITE = "interventions:write"

SCOPES: dict[str, str] = {
    INFORMATION_REQUESTS_READ: "Read information requests addressed to your organisation",
    INFORMATION_REQUESTS_WRITE: "Answer information requests addressed to your organisation",
    EVENTS_WRITE: "Report events about people your organisation holds a request for",
    RESETTLEMENT_PLANS_READ: "Read the resettlement plans of your custody cases",
    RESETTLEMENT_PLANS_WRITE: "Update the plan actions of your custody cases",
    RESETTLEMENT_CUSTODY_WRITE: "Post receptions and release-date changes for your prison",
    UNPAID_WORK_READ: "Read the sessions of the unpaid work projects you host",
    UNPAID_WORK_WRITE: "Record attendance and outcomes at the sessions of your projects",
    INTERVENTIONS_READ: "Read the referrals made to your organisation (redacted risk only)",
    INTERVENTIONS_WRITE: "Assign, book, plan, record sessions and report on your referrals",
}

# Fail closed: a partner type missing here gets no scope at all.
PARTNER_TYPE_SCOPES: dict[str, frozenset[str]] = {
    PartnerType.POLICE: frozenset(
        {INFORMATION_REQUESTS_READ, INFORMATION_REQUESTS_WRITE, EVENTS_WRITE}
    ),
    PartnerType.CHILDRENS_SOCIAL_CARE: frozenset(
        {INFORMATION_REQUESTS_READ, INFORMATION_REQUESTS_WRITE}
    ),
    PartnerType.RESETTLEMENT_PROVIDER: frozenset(
        {RESETTLEMENT_PLANS_READ, RESETTLEMENT_PLANS_WRITE}
    ),
    PartnerType.PRISON: frozenset({RESETTLEMENT_CUSTODY_WRITE}),
    PartnerType.UNPAID_WORK_HOST: frozenset({UNPAID_WORK_READ, UNPAID_WORK_WRITE}),
    PartnerType.INTERVENTION_PROVIDER: frozenset({INTERVENTIONS_READ, INTERVENTIONS_WRITE}),
}


def scopes_for_partner_type(partner_type: str) -> list[str]:
    return sorted(PARTNER_TYPE_SCOPES.get(partner_type, frozenset()))


class PartnerScopes(SettingsScopes):
    """OAUTH2_PROVIDER["SCOPES_BACKEND_CLASS"]: an application may be issued only the
    scopes its partner organisation's type allows (and nothing if it is not a partner
    application, or the partner is inactive)."""

    def _allowed(self, application) -> list[str]:
        link = getattr(application, "partner_application", None) if application else None
        if link is None or not link.is_usable:
            return []
        return scopes_for_partner_type(link.partner_organisation.partner_type)

    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        return self._allowed(application)

    def get_default_scopes(self, application=None, request=None, *args, **kwargs):
        # A client that asks for no scope gets everything its type allows.
        return self._allowed(application)
