"""Context every page shares: the signed-in person, the navigation and the inbox count."""

from django.conf import settings

from crc import navigation


def shell(request):
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "service_name": settings.SERVICE_NAME,
        # django-csp's nonce is lazy: reading it here is what puts it in the header.
        "cspNonce": str(request.csp_nonce) if hasattr(request, "csp_nonce") else "",
        "navigation": navigation.items_for(request) if signed_in else [],
        "unread_count": navigation.unread_count(request) if signed_in else 0,
    }
