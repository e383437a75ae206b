from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from crc import health, views
from crc.access.marks import page_view, public_view
from crc.access.pages import Page
from crc.organisation import account_views, two_factor_views
from crc.organisation import views as organisation_views
from crc.organisation.middleware import two_factor_not_required

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", public_view(organisation_views.login_view), name="login"),
    path("logout/", public_view(organisation_views.logout_view), name="logout"),
    path("login/two-factor/", public_view(two_factor_views.verify), name="two_factor_verify"),
    path("login/two-factor/set-up/", public_view(two_factor_views.setup), name="two_factor_setup"),
    path(
        "login/two-factor/backup-codes/",
        page_view(Page.ACCOUNT)(two_factor_views.backup_codes),
        name="two_factor_backup_codes",
    ),
    path(
        "account/password/",
        page_view(Page.ACCOUNT)(account_views.password_change),
        name="password_change",
    ),
    path(
        "account/reset/<uidb64>/<token>/",
        public_view(account_views.password_reset_confirm),
        name="password_reset_confirm",
    ),
    # Public pages stay public for a session that has not yet given its second factor.
    path(
        "accessibility/",
        two_factor_not_required(views.accessibility_statement),
        name="accessibility",
    ),
    path("session/keep-alive/", views.session_keep_alive, name="session_keep_alive"),
    path("healthz", public_view(two_factor_not_required(health.healthz)), name="healthz"),
    # bench/: a bare view returning a constant, the floor the trivial page is measured on.
    path("healthz/floor", public_view(two_factor_not_required(health.floor)), name="floor"),
    path("notifications/", include("crc.notifications.urls")),
    path("cases/", include("cases.urls")),
    path("interventions/", include("interventions.urls")),
    path("access-log/", include("crc.access.urls")),
    path("unpaid-work/", include("unpaidwork.urls")),
    path("resettlement/", include("resettlement.urls")),
    path("dashboards/", include("crc.dashboards.urls")),
    # Partner API: OAuth2 token endpoints (client credentials only), v1 resources, schema.
    path("o/", include("crc.api.oauth_urls")),
    path("api/v1/resettlement/", include("resettlement.api.urls")),
    path("api/v1/unpaid-work/", include("unpaidwork.api.urls")),
    path("api/v1/interventions/", include("interventions.api.urls")),
    path("api/v1/", include("cases.api.urls")),
    path("api/", include("crc.api.urls")),
    # The admin's own password form would change a password without the security
    # event and the checks of ours: its "Change password" link leads to ours instead.
    path(
        "admin/password_change/",
        page_view(Page.ADMIN_SITE)(RedirectView.as_view(pattern_name="password_change")),
    ),
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
