"""The OAuth2 endpoints partners use, mounted at /o/: token, revoke, introspect.

django-oauth-toolkit's full URL set also offers authorization, device and application
management pages; partners use only the client-credentials grant, so those are not
mounted at all.
"""

from django.urls import path
from oauth2_provider import views as oauth2_views

app_name = "oauth2_provider"

urlpatterns = [
    path("token/", oauth2_views.TokenView.as_view(), name="token"),
    path("revoke_token/", oauth2_views.RevokeTokenView.as_view(), name="revoke-token"),
    path("introspect/", oauth2_views.IntrospectTokenView.as_view(), name="introspect"),
]
