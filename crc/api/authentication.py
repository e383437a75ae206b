"""Bearer tokens from django-oauth-toolkit, for partners only."""

from django.contrib.auth.models import AnonymousUser
from oauth2_provider.contrib.rest_framework import OAuth2Authentication


class PartnerOAuth2Authentication(OAuth2Authentication):
    """OAuth2Authentication that never leaves `request.user` as None.

    Client-credentials tokens have no user; DRF would copy None onto the Django request,
    and code downstream (simple-history's middleware, `is_authenticated` checks) expects
    a user object. A partner is never a member of staff, so it is the anonymous user.
    """

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, token = result
        return (user or AnonymousUser()), token
