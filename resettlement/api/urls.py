"""The resettlement partner API, mounted at /api/v1/resettlement/ (docs/api.md), ahead of
the rest of /api/v1/ (cases/api/urls.py), whose catch-all answers any other path."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from resettlement.api.views import (
    PlanActionViewSet,
    ReceptionViewSet,
    ReleaseDateChangeViewSet,
    ResettlementPlanViewSet,
)

app_name = "api_v1_resettlement"


def _view(viewset, actions: dict[str, str]):
    return login_not_required(viewset.as_view(actions))


urlpatterns = [
    path("plans/", _view(ResettlementPlanViewSet, {"get": "list"}), name="plan-list"),
    path(
        "plans/<int:pk>/", _view(ResettlementPlanViewSet, {"get": "retrieve"}), name="plan-detail"
    ),
    path(
        "plan-actions/<int:pk>/status/",
        _view(PlanActionViewSet, {"post": "update_status"}),
        name="plan-action-status",
    ),
    path("receptions/", _view(ReceptionViewSet, {"post": "create"}), name="reception-create"),
    path(
        "release-date-changes/",
        _view(ReleaseDateChangeViewSet, {"post": "create"}),
        name="release-date-change-create",
    ),
]
