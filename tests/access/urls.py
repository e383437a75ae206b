"""The project's URLs with the access-log pages mounted where crc/urls.py mounts them,
so these tests run whether or not that include has been added yet."""

from django.urls import include, path

from crc import urls as project_urls

urlpatterns = list(project_urls.urlpatterns)
if not any(getattr(p, "namespace", None) == "access" for p in urlpatterns):
    urlpatterns.append(path("access-log/", include("crc.access.urls")))

handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500
