from django.urls import path

from interventions import case_views, views

app_name = "interventions"

PROVIDER_REFERRAL = "provider/referrals/<int:referral_id>/"
CASE = "cases/<str:crn>/"
CASE_REFERRAL = CASE + "referrals/<int:referral_id>/"

urlpatterns = [
    path("provider/", views.provider_home, name="provider_home"),
    path(PROVIDER_REFERRAL, views.provider_referral, name="provider_referral"),
    path(
        PROVIDER_REFERRAL + "assign/",
        views.provider_referral_assign,
        name="provider_referral_assign",
    ),
    path(
        PROVIDER_REFERRAL + "appointment/",
        views.provider_appointment,
        name="provider_appointment",
    ),
    path(
        PROVIDER_REFERRAL + "action-plan/",
        views.provider_action_plan,
        name="provider_action_plan",
    ),
    path(PROVIDER_REFERRAL + "sessions/new/", views.provider_session, name="provider_session"),
    # The officer's pages, through the case.
    path(CASE, case_views.case_interventions, name="case_interventions"),
    path(CASE + "directory/", case_views.case_directory, name="case_directory"),
    path(CASE + "refer/<int:service_id>/", case_views.case_refer, name="case_refer"),
    path(CASE_REFERRAL, case_views.case_referral, name="case_referral"),
    path(
        CASE_REFERRAL + "approve-plan/",
        case_views.case_plan_approve,
        name="case_plan_approve",
    ),
    path(
        CASE_REFERRAL + "withdraw/",
        case_views.case_referral_withdraw,
        name="case_referral_withdraw",
    ),
]
