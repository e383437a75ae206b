from django.urls import path

from unpaidwork import case_views, views

app_name = "unpaidwork"

urlpatterns = [
    path("sessions/", views.my_sessions, name="my_sessions"),
    path("sessions/<int:session_id>/", views.session_register, name="session_register"),
    path(
        "sessions/<int:session_id>/stand-down/",
        views.session_stand_down,
        name="session_stand_down",
    ),
    path("projects/", views.projects, name="projects"),
    path("projects/<int:project_id>/", views.project_detail, name="project_detail"),
    path("cases/<str:crn>/", case_views.case_unpaid_work, name="case_unpaid_work"),
]
