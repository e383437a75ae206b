"""The Django admin site: the service centre's administrative hub.

Everyone signs in at /login/ with a password and a second factor (django-otp); the
admin checks the session is verified as well (OTPAdminSite), in case the middleware
that enforces it everywhere is ever removed.
"""

from django.contrib.auth.views import redirect_to_login
from django_otp.admin import OTPAdminSite


class CrcAdminSite(OTPAdminSite):
    site_header = "Manage a probation case: administration"
    site_title = "CRC administration"
    index_title = "Service centre"

    def login(self, request, extra_context=None):
        # One sign-in page for the whole service, with its second-factor steps.
        return redirect_to_login(request.GET.get("next", "/admin/"))
