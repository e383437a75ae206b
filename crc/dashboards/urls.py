from django.urls import path

from crc.dashboards import audit_views, export_views, views

app_name = "dashboards"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # ?section=<key>&figure=<key>: query parameters, so one URL serves every section.
    path("cases/", views.drill_down, name="drill_down"),
    # CSV of one table: ?section=<key>&table=<key>, or ?section=&figure= for its cases.
    path("export.csv", export_views.export, name="export"),
    # Quality audits (DOMAIN.md §8)
    path("audits/", audit_views.audits, name="audits"),
    path("audits/<int:audit_id>/", audit_views.audit, name="audit"),
    path("audits/<int:audit_id>/cases/<int:sample_id>/", audit_views.audit_case, name="audit_case"),
    path("audits/<int:audit_id>/ratings/", audit_views.ratings, name="ratings"),
    path(
        "audits/<int:audit_id>/ratings/<str:standard>/override/",
        audit_views.override,
        name="override",
    ),
    path("audits/<int:audit_id>/complete/", audit_views.complete, name="audit_complete"),
]
