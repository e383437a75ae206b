"""Partner endpoints for Through the Gate. Thin: scope through the selectors (which ask
crc.access), call the resettlement services, log what was disclosed."""

import hashlib

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from cases.api.responses import COMMON_ERRORS, READ_ERRORS, write_errors
from cases.api.views import ACTING_PERSON, IDEMPOTENCY_KEY, DeniedLoggedMixin
from crc.access.models import AccessKind
from crc.api import scopes
from crc.api.disclosure import Disclosed, disclosure_log
from crc.api.idempotency import HEADER, idempotent
from crc.api.partners import Capability
from crc.api.views import PartnerEndpointMixin
from crc.domain import DomainError
from resettlement import services
from resettlement.api import selectors
from resettlement.api.serializers import (
    ActionUpdateSerializer,
    EpisodeResultSerializer,
    PlanActionSerializer,
    PlanSerializer,
    ReceptionSerializer,
    ReleaseDateChangeResultSerializer,
    ReleaseDateChangeSerializer,
)
from resettlement.models import ActionOwner, ChangeSource, ResettlementPlan

_COMMON_WRITE = write_errors(
    "Refused in the current state (e.g. already in custody, a move the "
    "plan does not allow), or the same Idempotency-Key is still being processed."
)


def _plan_disclosed(plan, why: str = "resettlement plan") -> Disclosed:
    case = plan.episode.case
    return Disclosed(case_id=case.pk, crn=case.crn, reason=f"{why} {plan.pk}")


class ResettlementPlanViewSet(
    DeniedLoggedMixin,
    PartnerEndpointMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """The resettlement plans of the people your organisation works with in custody."""

    capability = Capability.RESETTLEMENT_PLANS
    required_scopes = {"GET": [scopes.RESETTLEMENT_PLANS_READ]}
    serializer_class = PlanSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ResettlementPlan.objects.none()
        return selectors.plans_for_provider(partner_organisation=self.request.partner.organisation)

    def get_object(self):
        if not 0 < int(self.kwargs["pk"]) <= selectors.MAX_ID:
            raise Http404
        return super().get_object()

    def denied_case(self):
        pk = str(self.kwargs.get("pk", ""))
        if not pk.isdigit() or int(pk) > selectors.MAX_ID:
            return None, ""
        plan = ResettlementPlan.objects.filter(pk=pk).select_related("episode__case").first()
        return (plan.episode.case if plan else None), ""

    @extend_schema(
        summary="Plans of your custody cases",
        description="Only people in custody whose resettlement provider is your "
        "organisation; a person leaves the list on release.",
        parameters=[ACTING_PERSON],
        responses={200: PlanSerializer(many=True), **COMMON_ERRORS},
    )
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        data = PlanSerializer(page, many=True).data
        disclosure_log(request=request, disclosed=[_plan_disclosed(p) for p in page])
        return self.get_paginated_response(data)

    @extend_schema(
        summary="One plan, with its actions",
        parameters=[ACTING_PERSON],
        responses={200: PlanSerializer, **READ_ERRORS},
    )
    def retrieve(self, request, *args, **kwargs):
        plan = self.get_object()
        data = PlanSerializer(plan).data
        disclosure_log(request=request, disclosed=[_plan_disclosed(plan)])
        return Response(data)


class PlanActionViewSet(DeniedLoggedMixin, PartnerEndpointMixin, viewsets.GenericViewSet):
    """Progress on the plan actions your organisation owns."""

    capability = Capability.RESETTLEMENT_PLANS
    required_scopes = {"POST": [scopes.RESETTLEMENT_PLANS_WRITE]}
    serializer_class = ActionUpdateSerializer
    pagination_class = None

    def get_queryset(self):
        return ResettlementPlan.objects.none()

    def denied_case(self):
        pk = str(self.kwargs.get("pk", ""))
        if not pk.isdigit() or int(pk) > selectors.MAX_ID:
            return None, ""
        plan = ResettlementPlan.objects.filter(actions=pk).select_related("episode__case").first()
        return (plan.episode.case if plan else None), ""

    @extend_schema(
        summary="Update the status (and due date) of one of your plan actions",
        description="Only actions owned by the resettlement provider, on your own custody "
        "cases. A move the plan does not allow (a cancelled action re-opened) is 409.",
        parameters=[IDEMPOTENCY_KEY, ACTING_PERSON],
        request=ActionUpdateSerializer,
        responses={200: PlanActionSerializer, **_COMMON_WRITE},
    )
    def update_status(self, request, *args, **kwargs):
        def handle():
            action = selectors.plan_action_for_provider(
                partner_organisation=request.partner.organisation, pk=int(kwargs["pk"])
            )
            if action is None:
                raise Http404
            serializer = ActionUpdateSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            if action.owner != ActionOwner.PROVIDER:
                raise DomainError(
                    f"This action is owned by the {action.get_owner_display().lower()}; "
                    "only the provider's own actions are updated through the API",
                    field="status",
                )
            data = serializer.validated_data
            updated = services.plan_action_update(
                action=action,
                by=None,
                # A partner reads nothing through a form first: nothing to be stale against.
                expected_version=action.version,
                status=data["status"],
                due_on=data.get("due_on"),
            )
            plan = action.plan
            return (
                Response(PlanActionSerializer(updated).data),
                [_plan_disclosed(plan, "plan action update on plan")],
            )

        return idempotent(self, request, handle, log_kind=AccessKind.CHANGE)


def _change_key(request) -> str:
    """The release-date change's own key: the partner's Idempotency-Key, per client."""
    raw = f"{request.partner.client_id}\n{request.headers.get(HEADER, '').strip()}"
    return "api:" + hashlib.sha256(raw.encode()).hexdigest()[:40]


class CustodyPostMixin(DeniedLoggedMixin, PartnerEndpointMixin):
    capability = Capability.CUSTODY
    required_scopes = {"POST": [scopes.RESETTLEMENT_CUSTODY_WRITE]}
    pagination_class = None

    def denied_case(self):
        crn = getattr(self, "asked_crn", "")
        if not crn:
            return None, ""
        from cases.models import Case

        return Case.objects.filter(crn=crn).first(), crn


class ReceptionViewSet(CustodyPostMixin, viewsets.GenericViewSet):
    """Receptions into your prison."""

    serializer_class = ReceptionSerializer

    @extend_schema(
        summary="Post a reception into your prison",
        description="Opens the person's custody episode at your prison, with a screening "
        "due 5 working days after reception. Unknown CRNs and people the CRC no longer "
        "supervises are 404; a person already in custody is 409.",
        parameters=[IDEMPOTENCY_KEY, ACTING_PERSON],
        request=ReceptionSerializer,
        responses={201: EpisodeResultSerializer, **_COMMON_WRITE},
    )
    def create(self, request, *args, **kwargs):
        def handle():
            serializer = ReceptionSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
            crn = data["crn"].strip().upper()
            organisation = request.partner.organisation
            prison = selectors.prison_for_partner(partner_organisation=organisation)
            case = selectors.case_for_reception(partner_organisation=organisation, crn=crn)
            if prison is None or case is None:
                self.asked_crn = crn
                raise Http404
            episode = services.episode_open(
                case=case,
                by=None,
                prison=prison,
                reception_date=data["reception_date"],
                expected_release_date=data["expected_release_date"],
                release_kind=data["release_kind"],
            )
            disclosed = [Disclosed(case_id=case.pk, crn=case.crn, reason=f"reception {episode.pk}")]
            body = EpisodeResultSerializer(episode).data
            return Response(body, status=status.HTTP_201_CREATED), disclosed

        return idempotent(self, request, handle, log_kind=AccessKind.CHANGE)


class ReleaseDateChangeViewSet(CustodyPostMixin, viewsets.GenericViewSet):
    """Changes to the expected release date of people in custody at your prison."""

    serializer_class = ReleaseDateChangeSerializer

    @extend_schema(
        summary="Post a change of expected release date",
        description="Updates the custody episode and tells the community officer, once: "
        "a retry with the same Idempotency-Key and body changes and tells nothing again. "
        "A person not in custody at your prison is 404.",
        parameters=[IDEMPOTENCY_KEY, ACTING_PERSON],
        request=ReleaseDateChangeSerializer,
        responses={201: ReleaseDateChangeResultSerializer, **_COMMON_WRITE},
    )
    def create(self, request, *args, **kwargs):
        def handle():
            serializer = ReleaseDateChangeSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
            crn = data["crn"].strip().upper()
            episode = selectors.episode_for_prison(
                partner_organisation=request.partner.organisation, crn=crn
            )
            if episode is None:
                self.asked_crn = crn
                raise Http404
            change, _created = services.release_date_change(
                episode=episode,
                new_date=data["new_date"],
                source=ChangeSource.PRISON_API,
                reason=data["reason"],
                key=_change_key(request),
            )
            case = episode.case
            disclosed = [
                Disclosed(case_id=case.pk, crn=case.crn, reason=f"release-date change {change.pk}")
            ]
            body = ReleaseDateChangeResultSerializer(change).data
            return Response(body, status=status.HTTP_201_CREATED), disclosed

        return idempotent(self, request, handle, log_kind=AccessKind.CHANGE)
