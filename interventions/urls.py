from django.urls import path

from interventions import views

app_name = "interventions"

urlpatterns = [
    path("provider/", views.provider_home, name="provider_home"),
    path(
        "provider/referrals/<int:referral_id>/",
        views.provider_referral,
        name="provider_referral",
    ),
    path(
        "provider/referrals/<int:referral_id>/assign/",
        views.provider_referral_assign,
        name="provider_referral_assign",
    ),
]
