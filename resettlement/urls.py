from django.urls import path

from resettlement import planning_views, release_views, views

app_name = "resettlement"

urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("in-custody/", views.in_custody, name="in_custody"),
    path("cases/<str:crn>/", views.episode, name="episode"),
    path(
        "cases/<str:crn>/pre-release-contact/",
        views.pre_release_contact_new,
        name="pre_release_contact_new",
    ),
    path(
        "cases/<str:crn>/screening/risk-of-harm/",
        planning_views.screening_risk,
        name="screening_risk",
    ),
    path(
        "cases/<str:crn>/screening/complete/",
        planning_views.screening_complete,
        name="screening_complete",
    ),
    path(
        "cases/<str:crn>/screening/<str:pathway>/",
        planning_views.screening_pathway,
        name="screening_pathway",
    ),
    path("cases/<str:crn>/plan/", planning_views.plan_edit, name="plan_edit"),
    path(
        "cases/<str:crn>/plan/actions/new/", planning_views.plan_action_new, name="plan_action_new"
    ),
    path(
        "cases/<str:crn>/plan/actions/<int:action_id>/",
        planning_views.plan_action_edit,
        name="plan_action_edit",
    ),
    path("cases/<str:crn>/plan/complete/", planning_views.plan_complete, name="plan_complete"),
    path("cases/<str:crn>/checklist/", release_views.checklist_edit, name="checklist_edit"),
    path(
        "cases/<str:crn>/first-appointment/",
        release_views.first_appointment_new,
        name="first_appointment_new",
    ),
    path("cases/<str:crn>/handover/", release_views.handover, name="handover"),
]
