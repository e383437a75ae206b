"""The placement host's endpoints. Thin: the host's sessions through crc.access, the
outcome through session_services, every person in a response logged as a disclosure."""

from django.db.models import Prefetch
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cases.api.responses import COMMON_ERRORS, READ_ERRORS, write_errors
from cases.api.views import ACTING_PERSON, IDEMPOTENCY_KEY, DeniedLoggedMixin
from crc.access import unpaid_work as uw_access
from crc.access.models import AccessKind
from crc.api import scopes
from crc.api.disclosure import Disclosed, disclosure_log
from crc.api.idempotency import idempotent
from crc.api.pagination import PartnerCursorPagination
from crc.api.partners import Capability
from crc.api.views import PartnerEndpointMixin
from crc.domain import DomainError
from unpaidwork import session_services
from unpaidwork.api.serializers import (
    UnpaidWorkAttendanceSerializer,
    UnpaidWorkOutcomeSerializer,
    UnpaidWorkSessionSerializer,
)
from unpaidwork.models import Attendance, ProjectSession

WRITE_ERRORS = write_errors(
    "Refused in the current state (already recorded, not started yet, "
    "a stale version), or the same Idempotency-Key is still being processed."
)


class SessionPagination(PartnerCursorPagination):
    # Sessions in the order they happen; the id breaks ties between same-time sessions.
    ordering = ("date", "starts_at", "id")


class SessionFilter(filters.FilterSet):
    date_from = filters.DateFilter(
        field_name="date", lookup_expr="gte", help_text="Sessions on or after this date."
    )
    date_to = filters.DateFilter(
        field_name="date", lookup_expr="lte", help_text="Sessions on or before this date."
    )

    class Meta:
        model = ProjectSession
        fields = ["date_from", "date_to"]


def _disclosed(attendance, why: str) -> Disclosed:
    case = attendance.order.case
    return Disclosed(case_id=case.pk, crn=case.crn, reason=f"{why} {attendance.session_id}")


def _session_disclosures(sessions) -> list[Disclosed]:
    return [
        _disclosed(attendance, "expected at unpaid work session")
        for session in sessions
        for attendance in session.attendances.all()
    ]


def _attendances():
    return Attendance.objects.select_related("order__case").order_by(
        "order__case__last_name", "order__case__first_name", "pk"
    )


def _answerable(attendance):
    """The CRC member of staff who answers for what the host records: the session's
    supervisor (or the project's). The host's own person is in the notes and the log."""
    session = attendance.session
    supervisor = session.supervisor or session.project.supervisor
    if supervisor is None:
        raise DomainError(
            "This session has no CRC supervisor to answer for the record: ask the unpaid "
            "work team to name one"
        )
    return supervisor


def _with_source(notes: str, partner) -> str:
    who = partner.organisation.name
    if partner.acting_person:
        who = f"{partner.acting_person}, {who}"
    return f"{notes}\n(Recorded by {who} through the host API.)".strip()


class HostEndpoint(DeniedLoggedMixin, PartnerEndpointMixin):
    capability = Capability.UNPAID_WORK
    required_scopes = {
        "GET": [scopes.UNPAID_WORK_READ],
        "POST": [scopes.UNPAID_WORK_WRITE],
    }


class SessionViewSet(
    HostEndpoint, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The sessions of the projects your organisation hosts, with who is expected."""

    serializer_class = UnpaidWorkSessionSerializer
    pagination_class = SessionPagination
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = SessionFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ProjectSession.objects.none()
        return uw_access.host_sessions(
            self.request.partner.organisation,
            ProjectSession.objects.select_related("project").prefetch_related(
                Prefetch("attendances", queryset=_attendances())
            ),
        )

    @extend_schema(
        summary="Sessions of your projects, with the people expected at each",
        parameters=[ACTING_PERSON],
        responses={200: UnpaidWorkSessionSerializer(many=True), **READ_ERRORS},
    )
    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        data = UnpaidWorkSessionSerializer(page, many=True).data
        disclosure_log(request=request, disclosed=_session_disclosures(page))
        return self.get_paginated_response(data)

    @extend_schema(
        summary="One session of your projects, with the people expected",
        parameters=[ACTING_PERSON],
        responses={200: UnpaidWorkSessionSerializer, **COMMON_ERRORS},
    )
    def retrieve(self, request, *args, **kwargs):
        session = self.get_object()
        data = UnpaidWorkSessionSerializer(session).data
        disclosure_log(request=request, disclosed=_session_disclosures([session]))
        return Response(data)


class AttendanceViewSet(HostEndpoint, viewsets.GenericViewSet):
    """One person at one session of your projects."""

    serializer_class = UnpaidWorkOutcomeSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Attendance.objects.none()
        return uw_access.host_attendances(
            self.request.partner.organisation,
            _attendances().select_related("session__supervisor", "session__project__supervisor"),
        )

    def denied_case(self):
        pk = str(self.kwargs.get("pk", ""))
        if not pk.isdigit():
            return None, ""
        asked = Attendance.objects.filter(pk=pk).select_related("order__case").first()
        return (asked.order.case if asked else None), ""

    @extend_schema(
        summary="Record what happened: attendance, hours and outcome",
        description="Once per attendance. A failure to comply or an unacceptable absence "
        "goes to the responsible officer for an enforcement decision. A stand-down is for "
        "the whole session and is made by the provider's staff, not here. An attendance "
        "already recorded, a session not yet started, or a stale `version` is 409.",
        parameters=[IDEMPOTENCY_KEY, ACTING_PERSON],
        request=UnpaidWorkOutcomeSerializer,
        responses={200: UnpaidWorkAttendanceSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def outcome(self, request, *args, **kwargs):
        def handle():
            attendance = self.get_object()
            serializer = UnpaidWorkOutcomeSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = dict(serializer.validated_data)
            recorded = session_services.attendance_record(
                attendance=attendance,
                by=_answerable(attendance),
                expected_version=data.pop("version"),
                **{**data, "notes": _with_source(data["notes"], request.partner)},
            )
            body = UnpaidWorkAttendanceSerializer(recorded).data
            return Response(body), [_disclosed(recorded, "outcome at unpaid work session")]

        return idempotent(self, request, handle, log_kind=AccessKind.CHANGE)
