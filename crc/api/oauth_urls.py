"""The OAuth2 endpoints partners use, mounted at /o/: token and revoke.

django-oauth-toolkit's full URL set also offers authorization, device and application
management pages; partners use only the client-credentials grant, so those are not
mounted at all. Nor is token introspection (RFC 7662): it serves a separate resource
server, and ours checks tokens in-process. Mounted, it let any partner's credentials
look up any token, another partner's included, and read one from `?token=` in the URL
(docs/security.md). Mount it again only for a designated client of our own, POST only.
"""

from django.urls import path
from oauth2_provider import views as oauth2_views

app_name = "oauth2_provider"

urlpatterns = [
    path("token/", oauth2_views.TokenView.as_view(), name="token"),
    path("revoke_token/", oauth2_views.RevokeTokenView.as_view(), name="revoke-token"),
]
