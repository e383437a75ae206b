"""Schema and reference page, mounted at /api/ (see docs/api.md).

The partner endpoints themselves live with their domain (cases/api/urls.py at
/api/v1/). Every view here authenticates itself (bearer token or session), so the
login-required middleware is told to let them through.
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from crc.api import views

app_name = "api"

urlpatterns = [
    path("schema/", login_not_required(views.SchemaView.as_view()), name="schema"),
    path("docs/", login_not_required(views.DocsView.as_view()), name="docs"),
]
