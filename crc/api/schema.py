"""How the partner API describes itself in OpenAPI (drf-spectacular extensions).

Imported from ApiConfig.ready(): extensions register themselves when defined.
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

from crc.api.scopes import SCOPES

TOKEN_URL = "/o/token/"


class PartnerOAuth2Scheme(OpenApiAuthenticationExtension):
    target_class = "crc.api.authentication.PartnerOAuth2Authentication"
    name = "partnerOAuth2"
    # Ahead of drf-spectacular's own django-oauth-toolkit extension, which matches
    # subclasses too but reads flows from settings we do not need.
    priority = 1

    def get_security_definition(self, auto_schema):
        return {
            "type": "oauth2",
            "description": "Client-credentials grant. One client per partner organisation.",
            "flows": {"clientCredentials": {"tokenUrl": TOKEN_URL, "scopes": dict(SCOPES)}},
        }

    def get_security_requirement(self, auto_schema):
        view = auto_schema.view
        required_scopes_for = getattr(view, "required_scopes_for", None)
        if required_scopes_for is None:
            return {self.name: []}
        return {self.name: required_scopes_for(auto_schema.method)}
