from django.urls import path

from crc.access import views

app_name = "access"
urlpatterns = [
    path("", views.access_log, name="log"),
    path("export.csv", views.access_log_csv, name="log_csv"),
]
