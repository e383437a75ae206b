"""Per-partner rate limits: one bucket per OAuth application, not per IP address
(partners sit behind shared gateways) and not per token (a client would get a fresh
bucket with every new token)."""

from django.conf import settings
from rest_framework.throttling import ScopedRateThrottle

# Overridable through REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].
DEFAULT_RATES = {"partner-read": "600/min", "partner-write": "60/min"}


class PartnerRateThrottle(ScopedRateThrottle):
    THROTTLE_RATES = {
        **DEFAULT_RATES,
        **getattr(settings, "REST_FRAMEWORK", {}).get("DEFAULT_THROTTLE_RATES", {}),
    }

    def allow_request(self, request, view):
        # Reads and writes have separate buckets, so a burst of polling never blocks
        # an answer from being posted.
        view.throttle_scope = (
            "partner-read" if request.method in ("GET", "HEAD") else "partner-write"
        )
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        partner = getattr(request, "partner", None)
        if partner is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": partner.application.pk}
