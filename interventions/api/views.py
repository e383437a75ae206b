"""The provider partner API: referrals made to the calling provider (any other is 404,
and the refusal is logged), and its side of their lifecycle. Thin: scope through
crc.access.interventions, call the interventions services, log every disclosure.

A write is made in the name of the referral's assigned caseworker (the services record
a person on every save); the X-Acting-Person header names who at the provider called,
in the access log. Nothing but assigning works before a caseworker is assigned (409)."""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from cases.api.responses import READ_ERRORS, write_errors
from cases.api.views import ACTING_PERSON, IDEMPOTENCY_KEY, PartnerRecordViewSet
from crc.access import interventions as access_interventions
from crc.access.models import AccessKind
from crc.api import scopes
from crc.api.disclosure import Disclosed, disclosure_log
from crc.api.idempotency import idempotent
from crc.api.pagination import PartnerCursorPagination
from crc.api.partners import Capability
from crc.domain import DomainError
from interventions import services
from interventions.api import serializers as s
from interventions.models import ProviderAppointment, Referral

WRITE_ERRORS = write_errors(
    "Refused in the referral's current state (e.g. no approved plan yet), "
    "a stale plan version, or the same Idempotency-Key still being processed."
)


class ReferralPagination(PartnerCursorPagination):
    ordering = ("sent_at", "id")


def _disclosed(referral, why: str = "intervention referral") -> Disclosed:
    return Disclosed(case_id=referral.case_id, crn=referral.case.crn, reason=f"{why} {referral.pk}")


def _acting_caseworker(referral):
    if referral.caseworker_id is None:
        raise DomainError("Assign a caseworker to the referral first", field="caseworker")
    return referral.caseworker


class ReferralViewSet(PartnerRecordViewSet):
    """Referrals made to your organisation by probation officers."""

    capability = Capability.INTERVENTIONS
    required_scopes = {
        "GET": [scopes.INTERVENTIONS_READ],
        "POST": [scopes.INTERVENTIONS_WRITE],
    }
    pagination_class = ReferralPagination
    record_model = Referral

    def partner_records(self, organisation):
        scoped = access_interventions.organisation_referrals(organisation, Referral.objects.all())
        queryset = scoped.select_related("case", "service", "caseworker")
        if self.action != "list":
            queryset = queryset.prefetch_related("outcomes", "action_plans", "appointments")
        return queryset

    def get_serializer_class(self):
        return s.ReferralSerializer if self.action == "list" else s.ReferralDetailSerializer

    @extend_schema(
        summary="Referrals made to your organisation, oldest first",
        parameters=[ACTING_PERSON],
        responses={200: s.ReferralSerializer(many=True), **READ_ERRORS},
    )
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        data = s.ReferralSerializer(page, many=True).data
        disclosure_log(request=request, disclosed=[_disclosed(r) for r in page])
        return self.get_paginated_response(data)

    @extend_schema(
        summary="One referral: why, the risk information shared, outcomes, plans, appointments",
        parameters=[ACTING_PERSON],
        responses={200: s.ReferralDetailSerializer, **READ_ERRORS},
    )
    def retrieve(self, request, *args, **kwargs):
        referral = self.get_object()
        disclosure_log(request=request, disclosed=[_disclosed(referral)])
        return Response(s.ReferralDetailSerializer(referral).data)

    def _write(self, request, input_serializer, act, *, created=False):
        """Validate, act on the referral, answer with the referral as it is now; once
        per Idempotency-Key."""

        def handle():
            referral = self.get_object()
            serializer = input_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            act(referral, serializer.validated_data)
            fresh = self.get_queryset().get(pk=referral.pk)
            code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
            data = s.ReferralDetailSerializer(fresh).data
            return Response(data, status=code), [_disclosed(fresh, "change to referral")]

        return idempotent(self, request, handle, log_kind=AccessKind.CHANGE)

    @extend_schema(
        summary="Assign the referral to one of your caseworkers",
        parameters=[IDEMPOTENCY_KEY, ACTING_PERSON],
        request=s.AssignSerializer,
        responses={200: s.ReferralDetailSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def assign(self, request, *args, **kwargs):
        def act(referral, data):
            caseworker = get_user_model().objects.filter(username=data["caseworker"]).first()
            if caseworker is None or not access_interventions.may_be_assigned(caseworker, referral):
                raise DomainError("Choose a caseworker of your organisation", field="caseworker")
            services.referral_assign(referral=referral, caseworker=caseworker, by=caseworker)

        return self._write(request, s.AssignSerializer, act)

    @extend_schema(
        summary="Book (or rebook) the initial assessment appointment",
        parameters=[IDEMPOTENCY_KEY, ACTING_PERSON],
        request=s.AppointmentInSerializer,
        responses={201: s.ReferralDetailSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def appointments(self, request, *args, **kwargs):
        def act(referral, data):
            services.appointment_record(
                referral=referral,
                by=_acting_caseworker(referral),
                starts_at=data["starts_at"],
                location=data["location"],
            )

        return self._write(request, s.AppointmentInSerializer, act, created=True)

    @extend_schema(
        summary="Submit the action plan, or revise the one awaiting approval",
        description="A revision carries the `version` it revised; a plan changed since is 409.",
        parameters=[IDEMPOTENCY_KEY, ACTING_PERSON],
        request=s.ActionPlanInSerializer,
        responses={201: s.ReferralDetailSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="action-plan")
    def action_plan(self, request, *args, **kwargs):
        def act(referral, data):
            services.action_plan_submit(
                referral=referral,
                by=_acting_caseworker(referral),
                activities=data["activities"],
                number_of_sessions=data["number_of_sessions"],
                version=data["version"],
            )

        return self._write(request, s.ActionPlanInSerializer, act, created=True)

    @extend_schema(
        summary="Record attendance and feedback for a session or the initial assessment",
        description="Concerns are passed to the probation officer; a non-attendance not "
        "known to be acceptable is passed to the officer as a failure to comply.",
        parameters=[IDEMPOTENCY_KEY, ACTING_PERSON],
        request=s.SessionInSerializer,
        responses={201: s.ReferralDetailSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def sessions(self, request, *args, **kwargs):
        def act(referral, data):
            data = dict(data)
            appointment_id = data.pop("appointment")
            appointment = None
            if appointment_id is not None:
                appointment = ProviderAppointment.objects.filter(
                    pk=appointment_id, referral=referral
                ).first()
                if appointment is None:
                    raise DomainError("No such appointment on this referral", field="appointment")
            services.session_record(
                referral=referral, by=_acting_caseworker(referral), appointment=appointment, **data
            )

        return self._write(request, s.SessionInSerializer, act, created=True)

    @extend_schema(
        summary="Submit the end-of-service report: each desired outcome achieved, partly or not",
        parameters=[IDEMPOTENCY_KEY, ACTING_PERSON],
        request=s.EndOfServiceReportInSerializer,
        responses={201: s.ReferralDetailSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="end-of-service-report")
    def end_of_service_report(self, request, *args, **kwargs):
        def act(referral, data):
            services.end_of_service_report_submit(
                referral=referral,
                by=_acting_caseworker(referral),
                achievements={
                    a["outcome"]: (a["achievement"], a["notes"]) for a in data["achievements"]
                },
                further_information=data["further_information"],
            )

        return self._write(request, s.EndOfServiceReportInSerializer, act, created=True)
