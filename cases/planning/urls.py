"""Assessment and plan URLs, included by cases/urls.py into the "cases" namespace
(so no app_name here)."""

from django.urls import include, path

from cases.planning import views

# Below "<str:crn>/", like every page of one case.
case_pages = [
    path("assessment/", views.assessment, name="assessment"),
    path("assessment/edit/", views.assessment_edit, name="assessment_edit"),
    path("assessment/complete/", views.assessment_complete, name="assessment_complete"),
    path(
        "assessment/bring-in-answers/",
        views.assessment_bring_in_answers,
        name="assessment_bring_in_answers",
    ),
    path(
        "information-requests/new/",
        views.information_request_new,
        name="information_request_new",
    ),
    path(
        "information-requests/<int:request_id>/answer/",
        views.information_request_answer,
        name="information_request_answer",
    ),
    path(
        "information-requests/<int:request_id>/withdraw/",
        views.information_request_withdraw,
        name="information_request_withdraw",
    ),
    path("plan/edit/", views.plan_edit, name="plan_edit"),
    path("plan/objectives/new/", views.plan_objective_add, name="plan_objective_add"),
    path("plan/actions/new/", views.plan_action_add, name="plan_action_add"),
    path("plan/actions/<int:action_id>/done/", views.plan_action_done, name="plan_action_done"),
]

urlpatterns = [
    path("<str:crn>/", include(case_pages)),
]
