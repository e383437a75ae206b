"""The partner endpoint base, the error shape, and the schema and reference pages."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, JsonResponse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from crc.access.marks import partner_endpoint, public_view
from crc.access.pages import Page, may_use
from crc.api.authentication import PartnerOAuth2Authentication
from crc.api.pagination import PartnerCursorPagination
from crc.api.partners import ActingPersonInvalid, partner_for_token
from crc.api.permissions import IsPartner
from crc.api.schema_snapshot import PartnerSchemaGenerator
from crc.api.throttles import PartnerRateThrottle
from crc.domain import DomainError

NO_STORE = "no-store"
# Scopes nobody is ever issued: a method a view forgot to map is refused, not opened.
_UNMAPPED = ("unmapped-method",)


def partner_exception_handler(exc, context):
    """DRF's errors, plus DomainError as 409 {"detail": ...} (and the field it is about)."""
    if isinstance(exc, DomainError):
        data = {"detail": exc.message}
        if exc.field:
            data["field"] = exc.field
        return Response(data, status=409)
    if isinstance(exc, Http404):
        # Never echo Django's message: it can name the model that was looked up.
        return Response({"detail": "Not found."}, status=404)
    return drf_exception_handler(exc, context)


@partner_endpoint
class PartnerEndpointMixin:
    """Everything a partner endpoint shares. Subclasses set `capability` and
    `required_scopes` ({"GET": [...], "POST": [...]})."""

    authentication_classes = [PartnerOAuth2Authentication]
    permission_classes = [IsPartner]
    throttle_classes = [PartnerRateThrottle]
    pagination_class = PartnerCursorPagination
    # No OPTIONS metadata: it would describe endpoints to callers not entitled to them.
    metadata_class = None
    capability = None
    required_scopes: dict[str, list[str]] = {}

    def required_scopes_for(self, method: str) -> list[str]:
        method = "GET" if method.upper() == "HEAD" else method.upper()
        return list(self.required_scopes.get(method, _UNMAPPED))

    def get_exception_handler(self):
        return partner_exception_handler

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Personal data must not sit in shared or browser caches.
        response["Cache-Control"] = NO_STORE
        return response


class IsStaffOrPartner(BasePermission):
    """The schema and reference pages: any signed-in member of staff, or any live partner
    (whatever its type; the schema describes endpoints, not data)."""

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if token is not None and hasattr(token, "application"):
            try:
                return partner_for_token(token, request.headers) is not None
            except ActingPersonInvalid:
                return False
        return may_use(request.user, Page.API_DOCS)


_DOC_AUTH = [PartnerOAuth2Authentication, SessionAuthentication]


@method_decorator(never_cache, name="dispatch")
@partner_endpoint
class SchemaView(SpectacularAPIView):
    authentication_classes = _DOC_AUTH
    permission_classes = [IsStaffOrPartner]
    # The schema is the same for every caller; generate it fully, not per user.
    serve_public = True
    generator_class = PartnerSchemaGenerator


@partner_endpoint
class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from drf-spectacular-sidecar's local copy (no internet), loaded as
    external scripts so the page works under our Content Security Policy."""

    authentication_classes = _DOC_AUTH
    permission_classes = [IsStaffOrPartner]
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"

    def permission_denied(self, request, message=None, code=None):
        # A member of staff whose session ended goes to sign in, like any other page.
        if request.auth is None and not request.META.get("HTTP_AUTHORIZATION"):
            raise _LoginRedirect(request.get_full_path())
        raise PermissionDenied(message)

    def handle_exception(self, exc):
        if isinstance(exc, _LoginRedirect):
            return redirect_to_login(exc.next_url)
        return super().handle_exception(exc)


class _LoginRedirect(Exception):
    def __init__(self, next_url: str):
        super().__init__(next_url)
        self.next_url = next_url


@public_view  # always a 404: it answers for paths that are not endpoints
@csrf_exempt
def api_not_found(request, *args, **kwargs):
    """Unknown paths under /api/ answer in JSON like the rest of the API. CSRF-exempt like
    the API views: partners never hold a CSRF cookie, and a POST to an unknown path must
    get this JSON 404, not Django's HTML 403 (schemathesis found it)."""
    response = JsonResponse({"detail": "Not found."}, status=404)
    response["Cache-Control"] = NO_STORE
    return response
