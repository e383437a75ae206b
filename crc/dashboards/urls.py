from django.urls import path

from crc.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # ?section=<key>&figure=<key>: query parameters, so one URL serves every section.
    path("cases/", views.drill_down, name="drill_down"),
]
