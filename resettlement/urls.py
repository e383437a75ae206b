from django.urls import include, path

from resettlement import planning_views, release_views, views

app_name = "resettlement"

# One custody case's pages, below "cases/<str:crn>/".
case_pages = [
    path("", views.episode, name="episode"),
    path("pre-release-contact/", views.pre_release_contact_new, name="pre_release_contact_new"),
    path("screening/risk-of-harm/", planning_views.screening_risk, name="screening_risk"),
    path("screening/complete/", planning_views.screening_complete, name="screening_complete"),
    path("screening/<str:pathway>/", planning_views.screening_pathway, name="screening_pathway"),
    path("plan/", planning_views.plan_edit, name="plan_edit"),
    path("plan/actions/new/", planning_views.plan_action_new, name="plan_action_new"),
    path(
        "plan/actions/<int:action_id>/",
        planning_views.plan_action_edit,
        name="plan_action_edit",
    ),
    path("plan/complete/", planning_views.plan_complete, name="plan_complete"),
    path("checklist/", release_views.checklist_edit, name="checklist_edit"),
    path("first-appointment/", release_views.first_appointment_new, name="first_appointment_new"),
    path("handover/", release_views.handover, name="handover"),
]

urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("in-custody/", views.in_custody, name="in_custody"),
    path("cases/<str:crn>/", include(case_pages)),
]
