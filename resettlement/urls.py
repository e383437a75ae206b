from django.urls import path

from resettlement import planning_views, views

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
    path("cases/<str:crn>/plan/complete/", planning_views.plan_complete, name="plan_complete"),
]
