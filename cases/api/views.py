"""Partner endpoints for information requests and police events. Thin: scope through
the selectors, call the cases services, log what was disclosed."""

from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cases.api import selectors
from cases.api.filters import InformationRequestFilter
from cases.api.responses import READ_ERRORS, write_errors
from cases.api.serializers import (
    AnswerSerializer,
    EventCategory,
    EventResultSerializer,
    EventSerializer,
    InformationRequestDetailSerializer,
    InformationRequestSerializer,
)
from cases.models import SignificantChangeCategory
from cases.planning import information_requests
from cases.reviews import services as reviews_services
from crc.access.models import AccessKind
from crc.access.services import access_log_record
from crc.api import scopes
from crc.api.disclosure import Disclosed, disclosure_log
from crc.api.idempotency import MAX_KEY_LENGTH, idempotent
from crc.api.partners import ACTING_PERSON_HEADER, ACTING_PERSON_MAX_LENGTH, Capability
from crc.api.views import PartnerEndpointMixin

ACTING_PERSON = OpenApiParameter(
    ACTING_PERSON_HEADER,
    {"type": "string", "maxLength": ACTING_PERSON_MAX_LENGTH},
    OpenApiParameter.HEADER,
    required=False,
    description="The person at your organisation making this call (at most 200 "
    "characters). Stored with the access-log row of every disclosure.",
)
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH},
    OpenApiParameter.HEADER,
    required=True,
    description="A unique key per intended write (a UUID is best). Retrying with the same "
    "key and body returns the first response; the same key with another body is 422.",
)
_WRITE_ERRORS = write_errors(
    "Refused in the current state (e.g. already answered), or the same "
    "Idempotency-Key is still being processed."
)

# The police's words, the case record's categories. A call-out is filed as the case
# record's "arrest or police call-out" and says so in its description.
EVENT_CATEGORY_TO_SIGNIFICANT_CHANGE = {
    EventCategory.ARREST: SignificantChangeCategory.ARREST,
    EventCategory.CALL_OUT: SignificantChangeCategory.ARREST,
    EventCategory.INTELLIGENCE: SignificantChangeCategory.INTELLIGENCE,
    EventCategory.DOMESTIC_ABUSE_INCIDENT: SignificantChangeCategory.DOMESTIC_ABUSE_INCIDENT,
}


def _disclosed(request_obj, why: str = "information request") -> Disclosed:
    return Disclosed(
        case_id=request_obj.case_id, crn=request_obj.case.crn, reason=f"{why} {request_obj.pk}"
    )


class DeniedLoggedMixin:
    """Every 404 a partner gets is a refused attempt and writes an access-log row (who,
    which endpoint, which case if we can tell), like a refused case page. Written from
    handle_exception, outside the idempotent handler's savepoint, so it is kept."""

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        partner = getattr(self.request, "partner", None)
        if response.status_code == status.HTTP_404_NOT_FOUND and partner is not None:
            case, crn = self.denied_case()
            access_log_record(
                kind=AccessKind.DENIED,
                page=self.request.path,
                method=self.request.method,
                case=case,
                case_crn=crn,
                partner_organisation=partner.organisation,
                client_id=partner.client_id,
                acting_person=partner.acting_person,
                relationship="partner",
            )
        return response

    def denied_case(self):
        return None, ""


class PartnerRecordViewSet(
    DeniedLoggedMixin,
    PartnerEndpointMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """A partner's list and detail of the records of one kind (`record_model`, each on a
    case) made to its organisation (`partner_records`); a refusal logs the asked-for
    record's case."""

    record_model: type

    def partner_records(self, organisation):
        raise NotImplementedError

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.record_model.objects.none()
        return self.partner_records(self.request.partner.organisation)

    def denied_case(self):
        pk = str(self.kwargs.get("pk", ""))
        if not pk.isdigit():
            return None, ""
        asked = self.record_model.objects.filter(pk=pk).select_related("case").first()
        return (asked.case if asked else None), ""


class InformationRequestViewSet(PartnerRecordViewSet):
    """Information requests addressed to your organisation by probation officers."""

    capability = Capability.INFORMATION_REQUESTS
    required_scopes = {
        "GET": [scopes.INFORMATION_REQUESTS_READ],
        "POST": [scopes.INFORMATION_REQUESTS_WRITE],
    }
    filter_backends = [DjangoFilterBackend]
    filterset_class = InformationRequestFilter
    record_model = selectors.InformationRequest

    def partner_records(self, organisation):
        return selectors.information_requests_for_partner(partner_organisation=organisation)

    def get_serializer_class(self):
        if self.action == "list":
            return InformationRequestSerializer
        if self.action == "answer":
            return AnswerSerializer
        return InformationRequestDetailSerializer

    @extend_schema(
        summary="Information requests addressed to your organisation",
        parameters=[ACTING_PERSON],
        responses={200: InformationRequestSerializer(many=True), **READ_ERRORS},
    )
    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        data = InformationRequestSerializer(page, many=True).data
        disclosure_log(request=request, disclosed=[_disclosed(r) for r in page])
        return self.get_paginated_response(data)

    @extend_schema(
        summary="One request, with the minimum case details needed to answer it",
        parameters=[ACTING_PERSON],
        responses={200: InformationRequestDetailSerializer, **READ_ERRORS},
    )
    def retrieve(self, request, *args, **kwargs):
        info_request = self.get_object()
        data = InformationRequestDetailSerializer(info_request).data
        disclosure_log(request=request, disclosed=[_disclosed(info_request)])
        return Response(data)

    @extend_schema(
        summary="Answer a request",
        description="The answer lands on the case, the request is marked answered and the "
        "officer is notified. A request that is no longer open is refused with 409.",
        parameters=[IDEMPOTENCY_KEY, ACTING_PERSON],
        request=AnswerSerializer,
        responses={200: InformationRequestDetailSerializer, **_WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def answer(self, request, *args, **kwargs):
        def handle():
            info_request = self.get_object()
            serializer = AnswerSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            answered = information_requests.information_request_answer(
                request=info_request,
                answer=serializer.validated_data["answer"],
                partner_person=request.partner.acting_person,
            )
            data = InformationRequestDetailSerializer(answered).data
            return Response(data), [_disclosed(answered, "answer to information request")]

        return idempotent(self, request, handle, log_kind=AccessKind.CHANGE)


class EventViewSet(DeniedLoggedMixin, PartnerEndpointMixin, viewsets.GenericViewSet):
    """Events the police report about people on probation."""

    capability = Capability.EVENTS
    required_scopes = {"POST": [scopes.EVENTS_WRITE]}
    serializer_class = EventSerializer
    pagination_class = None

    def denied_case(self):
        crn = getattr(self, "asked_crn", "")
        return selectors.Case.objects.filter(crn=crn).first() if crn else None, crn

    @extend_schema(
        summary="Report an event about a person you hold a request or arrangement for",
        description="Becomes a significant change on the case: a triggered review and an "
        "alert to the officer's senior probation officer. Unknown CRNs and CRNs you hold "
        "no open request (or request in the last 12 months) for are both 404.",
        parameters=[IDEMPOTENCY_KEY, ACTING_PERSON],
        request=EventSerializer,
        responses={201: EventResultSerializer, **_WRITE_ERRORS},
    )
    def create(self, request, *args, **kwargs):
        def handle():
            serializer = EventSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            event = serializer.validated_data
            partner = request.partner
            case = selectors.case_for_partner_event(
                partner_organisation=partner.organisation, crn=event["crn"]
            )
            if case is None:
                self.asked_crn = event["crn"].strip().upper()
                raise Http404
            description = event["description"]
            if event["category"] == EventCategory.CALL_OUT:
                description = f"Police call-out. {description}"
            change = reviews_services.significant_change_record(
                case=case,
                category=EVENT_CATEGORY_TO_SIGNIFICANT_CHANGE[event["category"]],
                description=description,
                occurred_on=event["occurred_on"],
                partner_organisation=partner.organisation,
                reported_by=partner.acting_person,
            )
            data = EventResultSerializer(
                {
                    "id": change.pk,
                    "crn": case.crn,
                    "category": event["category"],
                    "occurred_on": change.occurred_on,
                    "received_at": change.created_at,
                    "review_due_on": change.review.due_on if change.review_id else None,
                }
            ).data
            reason = selectors.arrangement_reason(
                partner_organisation=partner.organisation, case=case
            )
            disclosed = [Disclosed(case_id=case.pk, crn=case.crn, reason=reason)]
            return Response(data, status=status.HTTP_201_CREATED), disclosed

        return idempotent(self, request, handle, log_kind=AccessKind.CHANGE)
