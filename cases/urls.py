from django.urls import include, path

from cases import views
from cases.allocation import views as allocation_views
from cases.record import views as record_views
from cases.risk import views as risk_views

app_name = "cases"

# One case's pages, below "<str:crn>/": the tabs, then the forms that change the case,
# one module per wing.
case_pages = [
    path("", views.overview, name="overview"),
    path("risk/", views.risk, name="risk"),
    path("sentence/", views.sentence, name="sentence"),
    path("history/", views.history, name="history"),
    path("reason/", views.access_reason, name="reason"),
    path("edit/", record_views.person_edit, name="person_edit"),
    path("orders/new/", record_views.order_add, name="order_add"),
    path(
        "orders/<int:order_id>/requirements/new/",
        record_views.requirement_add,
        name="requirement_add",
    ),
    path("allocate/", allocation_views.allocate, name="allocate"),
    path("risk/edit/", risk_views.risk_edit, name="risk_edit"),
    path("registrations/new/", risk_views.registration_add, name="registration_add"),
    path(
        "registrations/<int:registration_id>/review/",
        risk_views.registration_review,
        name="registration_review",
    ),
    path(
        "registrations/<int:registration_id>/end/",
        risk_views.registration_end,
        name="registration_end",
    ),
    path("needs/", risk_views.needs_edit, name="needs_edit"),
    path("contact-level/", risk_views.contact_level_change, name="contact_level_change"),
    path(
        "contact-level/grid/", risk_views.contact_level_apply_grid, name="contact_level_apply_grid"
    ),
    path(
        "contact-level/<int:decision_id>/decide/",
        risk_views.contact_level_decide,
        name="contact_level_decide",
    ),
    path("escalations/new/", risk_views.escalation_raise, name="escalation_raise"),
    path(
        "escalations/<int:escalation_id>/progress/",
        risk_views.escalation_progress,
        name="escalation_progress",
    ),
    path("access/", allocation_views.access_lists, name="access_lists"),
]

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("team/", views.team_caseload, name="team_caseload"),
    path("search/", views.search, name="search"),
    path("new/", record_views.case_create, name="create"),
    path("<str:crn>/", include(case_pages)),
    # Supervision (DOMAIN.md §4), one sub-package each; names stay in the "cases" namespace.
    path("", include("cases.planning.urls")),
    path("", include("cases.contacts.urls")),
    path("", include("cases.reviews.urls")),
]
