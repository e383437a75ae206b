"""/healthz (stub: the jobs backbone replaces this)."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse


@login_not_required
def healthz(request):
    return JsonResponse({"status": "ok"})
