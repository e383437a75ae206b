from django.urls import include, path

from cases.reviews import views

# Below "<str:crn>/", like every page of one case.
case_pages = [
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/<int:review_id>/complete/", views.review_complete, name="review_complete"),
    path("oversight/new/", views.oversight_new, name="oversight_new"),
    path("oversight/countersign/", views.countersign, name="countersign"),
    path("timeline/", views.timeline, name="timeline"),
]

# Included into the "cases" namespace by cases/urls.py.
urlpatterns = [
    path("<str:crn>/", include(case_pages)),
]
