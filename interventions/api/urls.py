"""The provider partner API, mounted at /api/v1/interventions/ (docs/api.md)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from interventions.api.views import ReferralViewSet

app_name = "interventions_api"


def _view(actions: dict[str, str]):
    return login_not_required(ReferralViewSet.as_view(actions))


REFERRAL = "referrals/<int:pk>/"

urlpatterns = [
    path("referrals/", _view({"get": "list"}), name="referral-list"),
    path(REFERRAL, _view({"get": "retrieve"}), name="referral-detail"),
    path(REFERRAL + "assign/", _view({"post": "assign"}), name="referral-assign"),
    path(REFERRAL + "appointments/", _view({"post": "appointments"}), name="referral-appointments"),
    path(REFERRAL + "action-plan/", _view({"post": "action_plan"}), name="referral-action-plan"),
    path(REFERRAL + "sessions/", _view({"post": "sessions"}), name="referral-sessions"),
    path(
        REFERRAL + "end-of-service-report/",
        _view({"post": "end_of_service_report"}),
        name="referral-end-of-service-report",
    ),
]
