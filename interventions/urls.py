from django.urls import include, path

from interventions import case_views, views

app_name = "interventions"

# The provider's pages for one referral, below "provider/referrals/<int:referral_id>/".
provider_referral_pages = [
    path("", views.provider_referral, name="provider_referral"),
    path("assign/", views.provider_referral_assign, name="provider_referral_assign"),
    path("appointment/", views.provider_appointment, name="provider_appointment"),
    path("action-plan/", views.provider_action_plan, name="provider_action_plan"),
    path("sessions/new/", views.provider_session, name="provider_session"),
]

# The officer's pages for one referral, below "cases/<str:crn>/referrals/<int:referral_id>/".
case_referral_pages = [
    path("", case_views.case_referral, name="case_referral"),
    path("approve-plan/", case_views.case_plan_approve, name="case_plan_approve"),
    path("withdraw/", case_views.case_referral_withdraw, name="case_referral_withdraw"),
]

# The officer's pages, through the case: below "cases/<str:crn>/".
case_pages = [
    path("", case_views.case_interventions, name="case_interventions"),
    path("directory/", case_views.case_directory, name="case_directory"),
    path("refer/<int:service_id>/", case_views.case_refer, name="case_refer"),
    path("referrals/<int:referral_id>/", include(case_referral_pages)),
]

urlpatterns = [
    path("provider/", views.provider_home, name="provider_home"),
    path("provider/referrals/<int:referral_id>/", include(provider_referral_pages)),
    path("cases/<str:crn>/", include(case_pages)),
]
