"""The partner gate every partner endpoint passes, in this order:

1. a valid bearer token (else 401 with a Bearer challenge; DRF does this);
2. the token's application is a live partner application (else 404);
3. the endpoint is on the allow-list for the partner's type (else 404: fail closed,
   no enumeration of what other partner types can reach);
4. the token carries the scope the method needs (else 403 with the scope required:
   the partner is entitled to the endpoint but asked for a token without it).
"""

from oauth2_provider.models import AbstractAccessToken
from rest_framework.exceptions import NotAuthenticated, NotFound, ParseError
from rest_framework.permissions import BasePermission

from crc.api.partners import ActingPersonInvalid, partner_for_token, partner_may_use


class IsPartner(BasePermission):
    def has_permission(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, AbstractAccessToken):
            raise NotAuthenticated()
        try:
            partner = partner_for_token(token, request.headers)
        except ActingPersonInvalid as exc:
            raise ParseError(str(exc)) from exc
        if partner is None or not partner_may_use(partner.partner_type, view.capability):
            raise NotFound()
        request.partner = partner
        required = view.required_scopes_for(request.method)
        if not token.allow_scopes(required):
            self.message = {
                "detail": "Your token does not have the scope this needs.",
                "required_scopes": sorted(required),
            }
            return False
        return True
