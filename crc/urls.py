from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from crc import health, views
from crc.organisation import views as organisation_views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", organisation_views.login_view, name="login"),
    path("logout/", organisation_views.logout_view, name="logout"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("session/keep-alive/", views.session_keep_alive, name="session_keep_alive"),
    path("healthz", health.healthz, name="healthz"),
    path("notifications/", include("crc.notifications.urls")),
    path("cases/", include("cases.urls")),
    path("access-log/", include("crc.access.urls")),
    # Partner API: OAuth2 token endpoints (client credentials only), v1 resources, schema.
    path("o/", include("crc.api.oauth_urls")),
    path("api/v1/", include("cases.api.urls")),
    path("api/", include("crc.api.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "crc.views.permission_denied"
handler404 = "crc.views.page_not_found"
handler500 = "crc.views.server_error"

if settings.DEBUG:
    # Lets a developer look at the error pages while DEBUG hides them.
    urlpatterns += [
        path("_errors/404/", views.page_not_found, {"exception": None}),
        path("_errors/500/", views.server_error),
    ]
