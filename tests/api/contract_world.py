"""The records tests/api/test_schemathesis.py runs against: for the part of the API an
operation belongs to, the partners that use it, each with records of its own, and a rival
of the same kind with records the first must never reach. Partner types that do not use
that part get an organisation and API client with no records (they are refused anyway).

Built through the services (as the app's own tests do), one part at a time, so each of
the 133 cases builds only what its operation can touch.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from cases.models import Case, InformationRequest
from cases.planning.information_requests import information_request_raise
from crc.api.services import partner_application_create
from crc.organisation.models import PartnerType, Role
from interventions.models import Referral
from resettlement import services as resettlement_services
from resettlement.models import PlanAction, Prison, ResettlementPlan
from tests.factories import (
    AttendanceFactory,
    CaseFactory,
    CriminogenicNeedFactory,
    InterventionServiceFactory,
    PartnerOrganisationFactory,
    PlanObjectiveFactory,
    ProjectFactory,
    ProjectSessionFactory,
    StaffFactory,
    UnpaidWorkOrderFactory,
)
from tests.factories.interventions import provider_caseworker
from tests.interventions.conftest import Walk
from tests.partners import Partner, make_partner
from tests.resettlement.conftest import open_episode
from unpaidwork.models import Attendance, ProjectSession

# Path prefix of an operation with an {id}, and the model the id names.
ID_KINDS = [
    ("/api/v1/information-requests/", InformationRequest),
    ("/api/v1/interventions/referrals/", Referral),
    ("/api/v1/resettlement/plans/", ResettlementPlan),
    ("/api/v1/resettlement/plan-actions/", PlanAction),
    ("/api/v1/unpaid-work/sessions/", ProjectSession),
    ("/api/v1/unpaid-work/attendances/", Attendance),
]

PARTS = {
    "/api/v1/information-requests/": "information_requests",
    "/api/v1/events/": "information_requests",
    "/api/v1/resettlement/": "resettlement",
    "/api/v1/unpaid-work/": "unpaid_work",
    "/api/v1/interventions/": "interventions",
}


def part_of(path: str) -> str:
    (part,) = [part for prefix, part in PARTS.items() if path.startswith(prefix)]
    return part


@dataclass
class World:
    case: object
    other_case: object
    partners: dict[str, Partner] = field(default_factory=dict)
    # (partner type, model) -> ids of that partner's own records
    own: dict[tuple[str, type], list[int]] = field(default_factory=dict)

    def partner(self, partner_type: str) -> Partner:
        if partner_type not in self.partners:
            self.partners[partner_type] = make_partner(
                f"A {partner_type.replace('_', ' ')} partner", partner_type
            )
        return self.partners[partner_type]

    def own_ids(self, partner_type: str, model) -> list[int]:
        return list(self.own.get((partner_type, model), []))

    def others_ids(self, partner_type: str, model) -> list[int]:
        own = self.own_ids(partner_type, model)
        return sorted(model.objects.exclude(pk__in=own).values_list("pk", flat=True))

    def crns(self) -> list[str]:
        return sorted(Case.objects.values_list("crn", flat=True))

    def add(self, partner_type: str, model, *records) -> None:
        self.own.setdefault((partner_type, model), []).extend(r.pk for r in records)


def _partner_for(organisation) -> Partner:
    link, secret = partner_application_create(partner_organisation=organisation)
    return Partner(organisation=organisation, link=link, secret=secret)


def _provider_and_rival(world: World, partner_type: str, name: str, rival_name: str):
    """The part's provider of this type, with its API client, and a rival of the same type
    (no client) whose records the provider must never reach: both organisations."""
    world.partners[partner_type] = make_partner(name, partner_type)
    rival = PartnerOrganisationFactory(name=rival_name, partner_type=partner_type)
    return world.partners[partner_type].organisation, rival


def _information_requests(world: World, officer, other_officer) -> None:
    police = world.partner(PartnerType.POLICE)
    csc = world.partner(PartnerType.CHILDRENS_SOCIAL_CARE)
    rival = make_partner("A rival police force", PartnerType.POLICE)
    for partner, agency, case, by, mine in (
        (police, "police", world.case, officer, True),
        (csc, "childrens_social_care", world.case, officer, True),
        (rival, "police", world.other_case, other_officer, False),
    ):
        info_request = information_request_raise(
            case=case,
            by=by,
            agency=agency,
            question="Anything we should know about this address?",
            partner_organisation=partner.organisation,
        )
        if mine:
            world.add(partner.organisation.partner_type, InformationRequest, info_request)


def _resettlement(world: World, officer, team) -> None:
    prison, rival_prison = Prison.objects.order_by("code").exclude(partner=None)[:2]
    world.partners[PartnerType.PRISON] = _partner_for(prison.partner)
    provider, rival = _provider_and_rival(
        world, PartnerType.RESETTLEMENT_PROVIDER, "A housing provider", "A rival housing provider"
    )
    for case, at_prison, by_provider, mine in (
        (world.case, prison, provider, True),
        (world.other_case, rival_prison, rival, False),
    ):
        worker = StaffFactory(
            team=None, role=Role.RESETTLEMENT_WORKER, partner_organisation=at_prison.partner
        )
        episode = open_episode(
            case, worker, at_prison, resettlement_worker=worker, resettlement_provider=by_provider
        )
        action = resettlement_services.plan_action_add(
            plan=episode.plan, by=worker, pathway="ete", owner="provider", description="CV"
        )
        if mine:
            world.add(PartnerType.RESETTLEMENT_PROVIDER, ResettlementPlan, episode.plan)
            world.add(PartnerType.RESETTLEMENT_PROVIDER, PlanAction, action)
    # Someone the prison may receive: on probation, not yet in custody.
    CaseFactory(crn="R111111", team=team, responsible_officer=officer)


def _unpaid_work(world: World, team) -> None:
    host = world.partner(PartnerType.UNPAID_WORK_HOST)
    rival = make_partner("A rival placement host", PartnerType.UNPAID_WORK_HOST)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    for partner, mine in ((host, True), (rival, False)):
        session = ProjectSessionFactory(
            project=ProjectFactory(host=partner.organisation), date=yesterday
        )
        attendances = [
            AttendanceFactory(
                session=session,
                order=UnpaidWorkOrderFactory(requirement__order__case__team=team),
            )
            for _ in range(2)
        ]
        if mine:
            world.add(PartnerType.UNPAID_WORK_HOST, ProjectSession, session)
            world.add(PartnerType.UNPAID_WORK_HOST, Attendance, *attendances)


def _interventions(world: World, officer, other_officer) -> None:
    provider, rival = _provider_and_rival(
        world, PartnerType.INTERVENTION_PROVIDER, "Change Grow Live", "A rival provider"
    )
    for organisation, case, by, mine in (
        (provider, world.case, officer, True),
        (rival, world.other_case, other_officer, False),
    ):
        CriminogenicNeedFactory(case=case, need="alcohol", severity="standard")
        objective = PlanObjectiveFactory(plan__case=case, need="alcohol", description="Less")
        service = InterventionServiceFactory(
            name=f"Alcohol Toolkit ({organisation.name})",
            provider=organisation,
            needs=["alcohol"],
            sessions=3,
        )
        walk = Walk(case, service, by, provider_caseworker(organisation), objective)
        # Ours at its busiest stage (approved plan); the rival's as just sent.
        referral = walk.approved() if mine else walk.sent()
        if mine:
            world.add(PartnerType.INTERVENTION_PROVIDER, Referral, referral)


def world_build(*, path: str, case, other_case, officer, other_officer) -> World:
    world = World(case=case, other_case=other_case)
    part = part_of(path)
    if part == "information_requests":
        _information_requests(world, officer, other_officer)
    elif part == "resettlement":
        _resettlement(world, officer, case.team)
    elif part == "unpaid_work":
        _unpaid_work(world, case.team)
    else:
        _interventions(world, officer, other_officer)
    return world
