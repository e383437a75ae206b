"""The project's URLs with the partner API mounted, for tests run before crc/urls.py
mounts it (see docs/api.md "Mounting"). Once crc/urls.py has these lines it is used
as it is."""

from django.urls import include, path

from crc import urls as project_urls
from crc.urls import handler403, handler404, handler500  # noqa: F401

API_PATTERNS = [
    path("o/", include("crc.api.oauth_urls")),
    path("api/v1/", include("cases.api.urls")),
    path("api/", include("crc.api.urls")),
]

_mounted = any(str(p.pattern) == "api/v1/" for p in project_urls.urlpatterns)
urlpatterns = (
    list(project_urls.urlpatterns) if _mounted else [*API_PATTERNS, *project_urls.urlpatterns]
)
