from django.urls import path

from cases.reviews import views

# Included into the "cases" namespace by cases/urls.py.
urlpatterns = [
    path("<str:crn>/reviews/", views.reviews, name="reviews"),
    path(
        "<str:crn>/reviews/<int:review_id>/complete/",
        views.review_complete,
        name="review_complete",
    ),
    path("<str:crn>/oversight/new/", views.oversight_new, name="oversight_new"),
    path("<str:crn>/oversight/countersign/", views.countersign, name="countersign"),
    path("<str:crn>/timeline/", views.timeline, name="timeline"),
]
