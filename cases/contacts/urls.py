"""Included by cases/urls.py after its "<str:crn>/" routes, in the "cases" namespace.

The lists across cases live under "my/", two segments, so "<str:crn>/" (one segment)
can never swallow them, and no "<str:crn>/<word>/" route of the case pages matches
"my/appointments/" or "my/tasks/" (a test holds this).
"""

from django.urls import path

from cases.contacts import views

urlpatterns = [
    path(
        "my/appointments/",
        views.appointments_needing_outcome,
        name="appointments_needing_outcome",
    ),
    path("my/tasks/", views.service_centre_tasks, name="service_centre_tasks"),
    path(
        "my/tasks/<int:task_id>/done/",
        views.service_centre_task_done,
        name="service_centre_task_done",
    ),
    path("<str:crn>/contacts/", views.contacts, name="contacts"),
    path("<str:crn>/contacts/new/", views.contact_new, name="contact_new"),
    path(
        "<str:crn>/contacts/<int:contact_id>/absence/",
        views.absence_decide,
        name="absence_decide",
    ),
    path(
        "<str:crn>/contacts/<int:contact_id>/enforcement/",
        views.enforcement_decide,
        name="enforcement_decide",
    ),
    path("<str:crn>/appointments/new/", views.appointment_new, name="appointment_new"),
    path(
        "<str:crn>/significant-changes/new/",
        views.significant_change_new,
        name="significant_change_new",
    ),
]
