"""The Django admin site: the service centre's administrative hub.

With ADMIN_REQUIRES_OTP on (the default whenever DEBUG is off) the admin demands a
verified second factor (django-otp TOTP) on top of the password.
"""

from django.conf import settings
from django_otp.admin import OTPAdminSite


class CrcAdminSite(OTPAdminSite):
    site_header = "Manage a probation case: administration"
    site_title = "CRC administration"
    index_title = "Service centre"

    def has_permission(self, request) -> bool:
        if settings.ADMIN_REQUIRES_OTP:
            return super().has_permission(request)
        # Skip OTPAdminSite's check, keep Django's own (active staff).
        return super(OTPAdminSite, self).has_permission(request)

    def login(self, request, extra_context=None):
        if not settings.ADMIN_REQUIRES_OTP:
            # Without a second factor the admin uses the service's own sign-in page.
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.GET.get("next", "/admin/"))
        return super().login(request, extra_context)
