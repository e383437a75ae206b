"""Assessment and plan URLs, included by cases/urls.py into the "cases" namespace
(so no app_name here)."""

from django.urls import path

from cases.planning import views

urlpatterns = [
    path("<str:crn>/assessment/", views.assessment, name="assessment"),
    path("<str:crn>/assessment/edit/", views.assessment_edit, name="assessment_edit"),
    path("<str:crn>/assessment/complete/", views.assessment_complete, name="assessment_complete"),
    path(
        "<str:crn>/assessment/bring-in-answers/",
        views.assessment_bring_in_answers,
        name="assessment_bring_in_answers",
    ),
    path(
        "<str:crn>/information-requests/new/",
        views.information_request_new,
        name="information_request_new",
    ),
    path(
        "<str:crn>/information-requests/<int:request_id>/answer/",
        views.information_request_answer,
        name="information_request_answer",
    ),
    path(
        "<str:crn>/information-requests/<int:request_id>/withdraw/",
        views.information_request_withdraw,
        name="information_request_withdraw",
    ),
    path("<str:crn>/plan/edit/", views.plan_edit, name="plan_edit"),
    path("<str:crn>/plan/objectives/new/", views.plan_objective_add, name="plan_objective_add"),
    path("<str:crn>/plan/actions/new/", views.plan_action_add, name="plan_action_add"),
    path(
        "<str:crn>/plan/actions/<int:action_id>/done/",
        views.plan_action_done,
        name="plan_action_done",
    ),
]
