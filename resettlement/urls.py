from django.urls import path

from resettlement import views

app_name = "resettlement"

urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("in-custody/", views.in_custody, name="in_custody"),
    path("cases/<str:crn>/", views.episode, name="episode"),
    path(
        "cases/<str:crn>/pre-release-contact/",
        views.pre_release_contact_new,
        name="pre_release_contact_new",
    ),
]
