from django.urls import include, path

from cases import views
from cases.allocation import views as allocation_views
from cases.record import views as record_views
from cases.risk import views as risk_views

app_name = "cases"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("team/", views.team_caseload, name="team_caseload"),
    path("search/", views.search, name="search"),
    path("new/", record_views.case_create, name="create"),
    path("<str:crn>/", views.overview, name="overview"),
    path("<str:crn>/risk/", views.risk, name="risk"),
    path("<str:crn>/sentence/", views.sentence, name="sentence"),
    path("<str:crn>/history/", views.history, name="history"),
    path("<str:crn>/reason/", views.access_reason, name="reason"),
    # Forms that change the case, one module per wing
    path("<str:crn>/edit/", record_views.person_edit, name="person_edit"),
    path("<str:crn>/orders/new/", record_views.order_add, name="order_add"),
    path(
        "<str:crn>/orders/<int:order_id>/requirements/new/",
        record_views.requirement_add,
        name="requirement_add",
    ),
    path("<str:crn>/allocate/", allocation_views.allocate, name="allocate"),
    path("<str:crn>/risk/edit/", risk_views.risk_edit, name="risk_edit"),
    path("<str:crn>/registrations/new/", risk_views.registration_add, name="registration_add"),
    path(
        "<str:crn>/registrations/<int:registration_id>/review/",
        risk_views.registration_review,
        name="registration_review",
    ),
    path(
        "<str:crn>/registrations/<int:registration_id>/end/",
        risk_views.registration_end,
        name="registration_end",
    ),
    path("<str:crn>/needs/", risk_views.needs_edit, name="needs_edit"),
    path("<str:crn>/contact-level/", risk_views.contact_level_change, name="contact_level_change"),
    path(
        "<str:crn>/contact-level/grid/",
        risk_views.contact_level_apply_grid,
        name="contact_level_apply_grid",
    ),
    path(
        "<str:crn>/contact-level/<int:decision_id>/decide/",
        risk_views.contact_level_decide,
        name="contact_level_decide",
    ),
    path("<str:crn>/escalations/new/", risk_views.escalation_raise, name="escalation_raise"),
    path(
        "<str:crn>/escalations/<int:escalation_id>/progress/",
        risk_views.escalation_progress,
        name="escalation_progress",
    ),
    path("<str:crn>/access/", allocation_views.access_lists, name="access_lists"),
    # Supervision (DOMAIN.md §4), one sub-package each; names stay in the "cases" namespace.
    path("", include("cases.planning.urls")),
    path("", include("cases.contacts.urls")),
    path("", include("cases.reviews.urls")),
]
