from django.urls import path

from unpaidwork import case_views, coordination, public_views, views

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
    # The placement coordinator's pages.
    path("orders/", coordination.orders, name="coordination_orders"),
    path("orders/<int:uw_order_id>/", coordination.order_detail, name="coordination_order"),
    path(
        "orders/<int:uw_order_id>/induction/book/",
        coordination.induction_book,
        name="coordination_induction_book",
    ),
    path(
        "orders/<int:uw_order_id>/induction/record/",
        coordination.induction_record,
        name="coordination_induction_record",
    ),
    path("orders/<int:uw_order_id>/allocate/", coordination.allocate, name="coordination_allocate"),
    path("orders/<int:uw_order_id>/schedule/", coordination.schedule, name="coordination_schedule"),
    path("nominations/", coordination.nominations, name="nominations"),
    path(
        "nominations/<int:nomination_id>/",
        coordination.nomination_review,
        name="nomination_review",
    ),
    # The public's nomination form (no sign-in).
    path("nominate/", public_views.nominate, name="nominate"),
    path("nominate/thanks/", public_views.nominate_thanks, name="nominate_thanks"),
]
