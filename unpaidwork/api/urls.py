"""The placement host's API, mounted at /api/v1/unpaid-work/ (docs/api.md)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path, re_path

from crc.api.views import api_not_found
from unpaidwork.api.views import AttendanceViewSet, SessionViewSet

app_name = "api_v1_unpaid_work"


def _view(viewset, actions: dict[str, str]):
    return login_not_required(viewset.as_view(actions))


urlpatterns = [
    path("sessions/", _view(SessionViewSet, {"get": "list"}), name="session-list"),
    path("sessions/<int:pk>/", _view(SessionViewSet, {"get": "retrieve"}), name="session-detail"),
    path(
        "attendances/<int:pk>/outcome/",
        _view(AttendanceViewSet, {"post": "outcome"}),
        name="attendance-outcome",
    ),
    re_path(r"^.*$", login_not_required(api_not_found)),
]
