"""The error responses every partner endpoint documents in the schema, written once: the
case endpoints and the satellite apps' partner endpoints describe their errors alike."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse

from cases.api.serializers import ErrorSerializer, ScopeErrorSerializer

FIELD_ERRORS = OpenApiResponse(
    OpenApiTypes.OBJECT, description="Bad input: field names mapped to lists of messages."
)
COMMON_ERRORS = {
    401: OpenApiResponse(ErrorSerializer, description="No valid bearer token."),
    403: OpenApiResponse(ScopeErrorSerializer, description="The token lacks the scope."),
    404: OpenApiResponse(ErrorSerializer, description="Not found, or not yours to see."),
    429: OpenApiResponse(ErrorSerializer, description="Too many requests; see Retry-After."),
}
READ_ERRORS = {400: FIELD_ERRORS, **COMMON_ERRORS}


def write_errors(conflict: str) -> dict:
    """The error responses of an idempotent write: the read ones, 409 for ``conflict`` (the
    endpoint family's own reasons for refusing, said in the schema) and 422."""
    return {
        **READ_ERRORS,
        409: OpenApiResponse(ErrorSerializer, description=conflict),
        422: OpenApiResponse(
            ErrorSerializer, description="Idempotency-Key reused with another body."
        ),
    }
