"""Projects, nominations, the requirement's record, induction, the ETE referral,
allocation and extensions."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.models import EmploymentStatus
from crc.domain import DomainError, StaleVersionError
from crc.notifications.models import OutboxMessage
from tests.factories import (
    CaseFactory,
    PartnerOrganisationFactory,
    ProjectFactory,
    ProjectSessionFactory,
    RequirementFactory,
)
from tests.unpaidwork.conftest import inducted, open_order
from unpaidwork import services
from unpaidwork.models import (
    EteReferral,
    InductionStatus,
    NominationStatus,
    Placement,
    UnpaidWorkStatus,
)

pytestmark = pytest.mark.django_db


# --- Projects and nominations -------------------------------------------------------------


def project_fields(area, **overrides):
    return {
        "name": "Finsbury Park clean-up",
        "kind": "group",
        "project_type": "environmental",
        "borough": "Islington",
        "address": "Finsbury Park, London N4",
        "area": area,
        "capacity_per_session": 8,
        **overrides,
    }


def test_a_project_is_created_with_its_history_attributed(area, coordinator):
    project = services.project_create(by=coordinator, **project_fields(area))
    assert project.history.get().history_user == coordinator


def test_a_project_host_must_be_an_unpaid_work_host(area, coordinator):
    police = PartnerOrganisationFactory()
    with pytest.raises(DomainError, match="placement host"):
        services.project_create(by=coordinator, **project_fields(area, host=police))


def test_a_project_supervisor_must_be_an_unpaid_work_supervisor(area, coordinator, officer):
    with pytest.raises(DomainError, match="unpaid work supervisor"):
        services.project_create(by=coordinator, **project_fields(area, supervisor=officer))


def test_a_project_update_from_a_stale_version_is_refused(project, coordinator):
    services.project_update(
        project=project, by=coordinator, expected_version=1, capacity_per_session=10
    )
    with pytest.raises(StaleVersionError):
        services.project_update(
            project=project, by=coordinator, expected_version=1, women_only=True
        )
    project.refresh_from_db()
    assert (project.capacity_per_session, project.women_only, project.version) == (10, False, 2)


def nomination():
    return services.nomination_submit(
        nominator_name="Ada Resident",
        nominator_email="ada@example.org",
        borough="Hackney",
        location="The alley behind Mare Street",
        description="Graffiti and fly-tipping",
        suggested_type="environmental",
    )


def test_a_nomination_becomes_a_project_only_when_accepted(area, coordinator):
    submitted = nomination()
    assert submitted.status == NominationStatus.SUBMITTED and submitted.project is None
    project = services.nomination_accept(
        nomination=submitted,
        by=coordinator,
        name="Mare Street alley",
        kind="group",
        area=area,
        capacity_per_session=6,
    )
    submitted.refresh_from_db()
    assert submitted.status == NominationStatus.ACCEPTED
    assert submitted.project == project
    assert (project.borough, project.project_type) == ("Hackney", "environmental")


def test_a_rejected_nomination_needs_a_reason_and_cannot_then_be_accepted(area, coordinator):
    submitted = nomination()
    with pytest.raises(DomainError, match="Say why"):
        services.nomination_reject(nomination=submitted, by=coordinator, reason=" ")
    services.nomination_reject(nomination=submitted, by=coordinator, reason="Private land")
    with pytest.raises(DomainError, match="rejected"):
        services.nomination_accept(
            nomination=submitted, by=coordinator, name="x", kind="group", area=area,
            capacity_per_session=1,
        )  # fmt: skip


# --- The requirement's record -------------------------------------------------------------


def test_an_order_runs_12_months_from_its_start(case, coordinator):
    order = open_order(case, coordinator, start=dt.date(2026, 3, 14))
    assert order.deadline == dt.date(2027, 3, 14)
    assert order.status == UnpaidWorkStatus.AWAITING_INDUCTION


@pytest.mark.parametrize("hours", [39, 301])
def test_an_order_outside_40_to_300_hours_is_refused(case, coordinator, hours):
    with pytest.raises(DomainError, match="between 40 and 300"):
        open_order(case, coordinator, hours=hours)


def test_only_an_unpaid_work_requirement_is_run(case, coordinator):
    with pytest.raises(DomainError, match="Only an unpaid work"):
        services.unpaid_work_order_open(
            requirement=RequirementFactory(order__case=case), by=coordinator
        )


def test_a_high_risk_to_children_starts_the_order_restricted(coordinator, team_a):
    case = CaseFactory(team=team_a, rosh_children="high")
    assert open_order(case, coordinator).no_work_near_children


def test_an_extension_moves_the_deadline_and_keeps_the_history(case, coordinator):
    order = open_order(case, coordinator, start=dt.date(2026, 3, 14))
    services.extension_grant(
        order=order, by=coordinator, expected_version=1, months=3, reason="Surgery"
    )
    second = services.extension_grant(
        order=order, by=coordinator, expected_version=2, months=1, reason="Recovery"
    )
    order.refresh_from_db()
    assert order.deadline == dt.date(2027, 7, 14)
    assert (second.previous_deadline, second.new_deadline) == (
        dt.date(2027, 6, 14),
        dt.date(2027, 7, 14),
    )
    assert [e.reason for e in order.extensions.all()] == ["Surgery", "Recovery"]


def test_an_extension_from_a_stale_version_or_without_a_reason_is_refused(uw_order, coordinator):
    with pytest.raises(DomainError, match="Say why"):
        services.extension_grant(
            order=uw_order, by=coordinator, expected_version=1, months=2, reason=""
        )
    with pytest.raises(StaleVersionError):
        services.extension_grant(
            order=uw_order, by=coordinator, expected_version=7, months=2, reason="Illness"
        )


# --- Induction and the ETE referral -------------------------------------------------------


def test_an_attended_induction_needs_the_understanding_checked_and_recorded(uw_order, coordinator):
    induction = services.induction_book(order=uw_order, by=coordinator, starts_at=timezone.now())
    with pytest.raises(DomainError, match="understands"):
        services.induction_record(induction=induction, by=coordinator, attended=True)
    with pytest.raises(DomainError, match="how the person showed"):
        services.induction_record(
            induction=induction, by=coordinator, attended=True, understanding_checked=True
        )
    induction.refresh_from_db()
    assert induction.status == InductionStatus.BOOKED


def test_a_missed_induction_leaves_the_order_awaiting_one_and_tells_the_officer(
    uw_order, coordinator, officer
):
    induction = services.induction_book(order=uw_order, by=coordinator, starts_at=timezone.now())
    services.induction_record(induction=induction, by=coordinator, attended=False)
    uw_order.refresh_from_db()
    assert uw_order.status == UnpaidWorkStatus.AWAITING_INDUCTION
    message = OutboxMessage.objects.get(dedupe_key=f"uw-induction:{induction.pk}:missed")
    assert message.payload["recipient_ids"] == [officer.pk]
    services.induction_book(order=uw_order, by=coordinator, starts_at=timezone.now())


@pytest.mark.parametrize(
    "employment, referred",
    [
        (EmploymentStatus.UNEMPLOYED, True),
        (EmploymentStatus.EMPLOYED, False),
        (EmploymentStatus.EDUCATION, False),
        ("", False),
    ],
)
def test_everyone_unemployed_at_the_start_is_referred_for_ete_at_induction(
    case, coordinator, employment, referred
):
    case.employment_status = employment
    case.save()
    order = inducted(open_order(case, coordinator), coordinator)
    assert order.status == UnpaidWorkStatus.ACTIVE
    assert EteReferral.objects.filter(order=order, automatic=True).exists() is referred


def test_an_ete_referral_is_made_once_per_order(working_order, coordinator):
    first = services.ete_referral_create(order=working_order, by=coordinator, reason="Asked")
    again = services.ete_referral_create(order=working_order, by=coordinator, reason="Again")
    assert first == again
    assert OutboxMessage.objects.filter(dedupe_key__startswith="uw-ete-referral:").count() == 1


# --- Allocation ---------------------------------------------------------------------------


def test_a_suitable_placement_is_made_and_ends_the_previous_one(
    working_order, project, area, coordinator, supervisor
):
    services.placement_allocate(order=working_order, project=project, by=coordinator, reason="A")
    other = ProjectFactory(area=area, supervisor=supervisor)
    services.placement_allocate(order=working_order, project=other, by=coordinator, reason="B")
    current = Placement.objects.get(order=working_order, ended_at__isnull=True)
    assert current.project == other
    assert Placement.objects.filter(order=working_order).count() == 2


def test_allocation_waits_for_the_induction(uw_order, project, coordinator):
    with pytest.raises(DomainError, match="induction"):
        services.placement_allocate(order=uw_order, project=project, by=coordinator, reason="A")


def refused(order, project, by) -> list[str]:
    with pytest.raises(services.AllocationRefused) as refusal:
        services.placement_allocate(order=order, project=project, by=by, reason="Near home")
    assert not Placement.objects.filter(order=order, project=project).exists()
    return refusal.value.reasons


def test_a_project_near_children_is_refused_for_someone_who_must_not_work_near_them(
    working_order, area, coordinator
):
    working_order.no_work_near_children = True
    working_order.save()
    reasons = refused(working_order, ProjectFactory(area=area, near_children=True), coordinator)
    assert reasons == ["Risk: the person must not work near children and this project does"]


def test_a_women_only_project_is_refused_for_a_man(working_order, area, coordinator):
    assert refused(working_order, ProjectFactory(area=area, women_only=True), coordinator) == [
        "The project is for women only"
    ]


def test_a_women_only_project_takes_a_woman(team_a, coordinator, area):
    order = inducted(open_order(CaseFactory(team=team_a, women=True), coordinator), coordinator)
    project = ProjectFactory(area=area, women_only=True)
    services.placement_allocate(order=order, project=project, by=coordinator, reason="Women's")
    assert Placement.objects.filter(order=order, project=project).exists()


def test_sessions_that_clash_with_childcare_are_refused_with_the_time(
    working_order, project, coordinator
):
    session = ProjectSessionFactory(project=project)
    weekday = session.date.weekday()
    working_order.childcare_times = [[weekday, "14:30", "16:00"]]
    working_order.save()
    (reason,) = refused(working_order, project, coordinator)
    assert reason.startswith("The sessions clash with the person's childcare")
    assert f"{session.date:%A} 09:00" in reason


def test_someone_with_a_known_tension_on_the_project_is_refused(
    working_order, project, coordinator, team_a
):
    rival = inducted(open_order(CaseFactory(team=team_a), coordinator), coordinator)
    services.placement_allocate(order=rival, project=project, by=coordinator, reason="First")
    services.known_tension_record(
        case=rival.case, other=working_order.case, by=coordinator, reason="Co-defendants"
    )
    assert refused(working_order, project, coordinator) == [
        "Someone the person has a known tension with is placed on this project"
    ]


def test_an_unsuitable_allocation_is_a_domain_error_with_a_message(
    working_order, area, coordinator
):
    refusal = services.AllocationRefused(["The project is for women only"])
    assert isinstance(refusal, DomainError)
    assert refusal.message == "This placement is not suitable: The project is for women only"


def test_a_placement_tells_the_officer_once(placed_order, officer):
    messages = OutboxMessage.objects.filter(dedupe_key__startswith="uw-placement:")
    assert [m.payload["recipient_ids"] for m in messages] == [[officer.pk]]


def test_an_inactive_supervisor_is_refused_for_a_project_and_a_session(
    area, coordinator, supervisor, project
):
    from unpaidwork import session_services

    supervisor.is_active = False
    supervisor.save()
    with pytest.raises(DomainError, match="unpaid work supervisor"):
        services.project_create(by=coordinator, **project_fields(area, supervisor=supervisor))
    with pytest.raises(DomainError, match="unpaid work supervisor"):
        session_services.session_create(
            project=project,
            by=coordinator,
            date=dt.date.today() + dt.timedelta(days=3),
            starts_at=dt.time(9),
            ends_at=dt.time(16),
            supervisor=supervisor,
        )


def test_adding_an_unpaid_work_requirement_to_an_order_opens_its_record(case, officer):
    """The requirement_add hook: the unpaid work team's record exists at once, awaiting
    induction, with the hours ordered and the 12-month deadline; other requirements open
    nothing."""
    from cases.record import services as record_services
    from tests.factories import OrderFactory
    from unpaidwork import rules as unpaid_rules
    from unpaidwork.models import UnpaidWorkOrder, UnpaidWorkStatus

    order = OrderFactory(case=case)
    requirement = record_services.requirement_add(
        order=order, by=officer, requirement_type="unpaid_work", length=120
    )
    opened = UnpaidWorkOrder.objects.get(requirement=requirement)
    assert (opened.hours_ordered, opened.status) == (120, UnpaidWorkStatus.AWAITING_INDUCTION)
    assert opened.deadline == unpaid_rules.deadline(order.start_date)
    record_services.requirement_add(order=order, by=officer, requirement_type="rar", length=10)
    assert UnpaidWorkOrder.objects.filter(case=case).count() == 1
