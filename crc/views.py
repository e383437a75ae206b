"""Pages that belong to no one app: home, accessibility statement, health, errors.

(Stubs: the UI shell replaces these.)
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse


def home(request):
    return HttpResponse("home")


@login_not_required
def accessibility_statement(request):
    return HttpResponse("accessibility")


@login_not_required
def permission_denied(request, exception=None):
    return HttpResponse("forbidden", status=403)


@login_not_required
def page_not_found(request, exception=None):
    return HttpResponse("not found", status=404)


@login_not_required
def server_error(request):
    return HttpResponse("error", status=500)
