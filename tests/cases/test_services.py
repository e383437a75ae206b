"""Behaviour and invariants of the case-record services."""

import datetime as dt
import functools

import pytest
import time_machine

from cases.allocation import services as allocation_services
from cases.models import (
    AccessListKind,
    Allocation,
    Case,
    CaseAccessEntry,
    ContactLevelStatus,
    Escalation,
    EscalationStatus,
    ServiceCentreTask,
)
from cases.planning import information_requests
from cases.record import services as record_services
from cases.reviews import services as reviews_services
from cases.risk import contact_levels, escalations
from cases.risk import rules as risk_rules
from cases.risk import services as risk_services
from crc.domain import DomainError
from crc.notifications.models import OutboxMessage
from crc.organisation.models import Role
from tests.factories import OrderFactory, RequirementFactory, StaffFactory

pytestmark = pytest.mark.django_db


def alerts(category: str) -> list[OutboxMessage]:
    return [m for m in OutboxMessage.objects.all() if m.payload.get("category") == category]


def reduce_to(case, officer, period_days: int, reason: str):
    """Ask for one contact every period_days, fewer than the weekly level in force."""
    return contact_levels.contact_level_change(
        case=case, by=officer, contacts=1, period_days=period_days, face_to_face=1, reason=reason
    )


def test_it_refuses_a_malformed_crn(team_a, service_centre):
    with pytest.raises(DomainError) as error:
        record_services.case_create(
            by=service_centre,
            crn="12345",
            team=team_a,
            first_name="A",
            last_name="B",
            date_of_birth=dt.date(1990, 1, 1),
            sex="male",
        )
    assert error.value.field == "crn"
    assert Case.objects.count() == 0


def test_it_refuses_a_duplicate_crn(case, team_a, service_centre):
    with pytest.raises(DomainError, match="already exists"):
        record_services.case_create(
            by=service_centre,
            crn=case.crn.lower(),
            team=team_a,
            first_name="A",
            last_name="B",
            date_of_birth=dt.date(1990, 1, 1),
            sex="male",
        )


def test_recording_high_rosh_escalates_once_with_an_spo_alert_and_a_task(
    supervised_case, officer, spo
):
    risk_services.risk_record(case=supervised_case, by=officer, rosh_overall="high")
    risk_services.risk_record(case=supervised_case, by=officer, rosh_overall="very_high")
    escalation = Escalation.objects.get(case=supervised_case)
    assert escalation.status == EscalationStatus.RAISED
    assert "RoSH is high" in escalation.reasons
    task = ServiceCentreTask.objects.get(case=supervised_case)
    assert task.kind == "nps_referral"
    assert task.due_date > dt.date.today()
    [alert] = alerts("escalation")
    assert alert.payload["recipient_ids"] == [spo.pk]
    supervised_case.refresh_from_db()
    assert supervised_case.tier.startswith("A")


def test_mappa_level_two_escalates(supervised_case, officer):
    risk_services.risk_record(case=supervised_case, by=officer, mappa_category=1, mappa_level=2)
    assert Escalation.objects.filter(
        case=supervised_case, reasons__contains="MAPPA level 2"
    ).exists()


def test_mappa_level_needs_a_category(supervised_case, officer):
    with pytest.raises(DomainError):
        risk_services.risk_record(case=supervised_case, by=officer, mappa_level=1)
    supervised_case.refresh_from_db()
    assert supervised_case.mappa_level is None


def progress_raised_escalation(case, officer, spo):
    """Record a high RoSH for `case`, which raises an escalation, and return a function that
    asks the service to move that escalation on as `spo`: the transition tests below."""
    risk_services.risk_record(case=case, by=officer, rosh_overall="high")
    return functools.partial(
        escalations.escalation_progress, escalation=Escalation.objects.get(), by=spo
    )


def test_escalation_moves_only_along_its_transitions(supervised_case, officer, spo):
    progress = progress_raised_escalation(supervised_case, officer, spo)
    with pytest.raises(DomainError):
        progress(to_status=EscalationStatus.ACCEPTED)
    progress(to_status=EscalationStatus.REFERRED)
    assert ServiceCentreTask.objects.get().status == "done"
    progress(to_status=EscalationStatus.ACCEPTED)
    supervised_case.refresh_from_db()
    assert supervised_case.status == "transferred"
    progress(to_status=EscalationStatus.CLOSED)
    with pytest.raises(DomainError):
        progress(to_status=EscalationStatus.RAISED)


def test_closing_an_unreferred_escalation_needs_a_reason(supervised_case, officer, spo):
    progress = progress_raised_escalation(supervised_case, officer, spo)
    with pytest.raises(DomainError):
        progress(to_status=EscalationStatus.CLOSED)
    progress(to_status=EscalationStatus.CLOSED, note="RoSH entered in error")
    assert Escalation.objects.get().status == "closed"


def test_a_pso_cannot_hold_a_tier_b_case(supervised_case, pso, spo, officer):
    risk_services.risk_record(case=supervised_case, by=officer, rsr_score=8)
    supervised_case.refresh_from_db()
    assert supervised_case.tier.startswith("B")
    with pytest.raises(DomainError, match="probation services officer"):
        allocation_services.case_allocate(
            case=supervised_case, officer=pso, reason="Workload", by=spo
        )


def test_reallocation_keeps_the_history_and_applies_the_grid(supervised_case, colleague, spo):
    allocation_services.case_allocate(
        case=supervised_case, officer=colleague, reason="Officer on leave", by=spo
    )
    supervised_case.refresh_from_db()
    assert supervised_case.responsible_officer == colleague
    current = Allocation.objects.get(case=supervised_case, ended_at__isnull=True)
    assert current.reason == "Officer on leave"
    assert supervised_case.contact_levels.filter(status=ContactLevelStatus.ACTIVE).count() == 1
    assert supervised_case.history.count() >= 2
    [alert] = alerts("allocation")
    assert alert.payload["recipient_ids"] == [colleague.pk]


def test_a_reduction_while_an_escalation_is_open_waits_for_the_spo(
    supervised_case, officer, weekly_level, spo
):
    risk_services.risk_record(case=supervised_case, by=officer, rosh_overall="high")
    decision = reduce_to(supervised_case, officer, 28, "Stable and working")
    assert decision.status == ContactLevelStatus.AWAITING_APPROVAL
    assert decision.risk_concerns == ["An open risk of harm escalation"]
    assert alerts("approval")[0].payload["recipient_ids"] == [spo.pk]
    with pytest.raises(DomainError, match="own request"):
        contact_levels.contact_level_decide(decision=decision, by=officer, approve=True)
    contact_levels.contact_level_decide(decision=decision, by=spo, approve=True, note="Agreed")
    levels = dict(supervised_case.contact_levels.values_list("period_days", "status"))
    assert levels == {7: ContactLevelStatus.SUPERSEDED, 28: ContactLevelStatus.ACTIVE}


def test_a_reduction_without_a_risk_concern_takes_effect_at_once(
    supervised_case, officer, weekly_level
):
    decision = reduce_to(supervised_case, officer, 14, "Settled")
    assert decision.status == ContactLevelStatus.ACTIVE
    assert decision.is_reduction


def test_a_declined_reduction_needs_a_note_and_leaves_the_level(
    supervised_case, officer, weekly_level, spo
):
    risk_services.risk_record(case=supervised_case, by=officer, rosh_overall="high")
    decision = reduce_to(supervised_case, officer, 28, "Less")
    with pytest.raises(DomainError):
        contact_levels.contact_level_decide(decision=decision, by=spo, approve=False)
    contact_levels.contact_level_decide(
        decision=decision, by=spo, approve=False, note="Not while escalated"
    )
    active = supervised_case.contact_levels.get(status=ContactLevelStatus.ACTIVE)
    assert active.period_days == 7


def test_registrations_set_their_review_dates_and_feed_the_tier(supervised_case, officer):
    today = dt.date.today()
    protection = risk_services.registration_add(
        case=supervised_case, by=officer, registration_type="child_protection", registered_on=today
    )
    gangs = risk_services.registration_add(
        case=supervised_case, by=officer, registration_type="street_gangs", registered_on=today
    )
    assert protection.next_review_date == risk_rules.add_months(today, 3)
    assert gangs.next_review_date == risk_rules.add_months(today, 6)
    supervised_case.refresh_from_db()
    lines = [line["source"] for line in supervised_case.tier_working["lines"]]
    assert "Registration: Child protection" in lines
    with pytest.raises(DomainError):
        risk_services.registration_add(
            case=supervised_case, by=officer, registration_type="street_gangs"
        )


def test_add_months_clamps_to_the_end_of_the_month():
    assert risk_rules.add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert risk_rules.add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


def test_a_restriction_list_always_names_the_responsible_officer(case, officer, spo):
    allocation_services.access_entry_add(
        case=case,
        by=spo,
        staff=spo,
        kind=AccessListKind.RESTRICTION,
        reason="Staff member's relative",
    )
    named = set(CaseAccessEntry.objects.filter(case=case).values_list("staff_id", flat=True))
    assert named == {spo.pk, officer.pk}


def test_alerts_skip_people_excluded_from_the_case(supervised_case, officer, spo, team_a):
    second_spo = StaffFactory(role=Role.SENIOR_PROBATION_OFFICER, team=team_a)
    second_spo.managed_teams.add(team_a)
    allocation_services.access_entry_add(
        case=supervised_case,
        by=second_spo,
        staff=spo,
        kind=AccessListKind.EXCLUSION,
        reason="Conflict",
    )
    risk_services.risk_record(case=supervised_case, by=officer, rosh_overall="high")
    [alert] = alerts("escalation")
    assert alert.payload["recipient_ids"] == [second_spo.pk]


def test_an_unpaid_work_only_order_has_change_zero(case, officer):
    RequirementFactory(order=OrderFactory(case=case), requirement_type="unpaid_work", length=120)
    tier = risk_services.tier_recalculate(case=case, by=officer)
    assert tier.change == 0


def test_a_significant_change_triggers_a_review_an_alert_and_a_risk_concern(
    supervised_case, officer, spo
):
    from cases.models import Review
    from cases.risk_concerns import open_concerns

    change = reviews_services.significant_change_record(
        case=supervised_case,
        by=officer,
        category="arrest",
        description="Arrested for assault on partner",
        occurred_on=dt.date.today(),
    )
    review = Review.objects.get(case=supervised_case)
    assert change.review == review
    assert review.kind == "significant_change"
    assert review.due_on > dt.date.today()
    assert spo.pk in alerts("significant_change")[0].payload["recipient_ids"]
    assert "A significant change not yet reviewed" in open_concerns(supervised_case)


def test_a_significant_change_needs_a_description_and_a_past_date(supervised_case, officer):
    with pytest.raises(DomainError):
        reviews_services.significant_change_record(
            case=supervised_case,
            by=officer,
            category="other",
            description=" ",
            occurred_on=dt.date.today(),
        )
    with pytest.raises(DomainError):
        reviews_services.significant_change_record(
            case=supervised_case,
            by=officer,
            category="other",
            description="x",
            occurred_on=dt.date.today() + dt.timedelta(days=1),
        )


def test_information_requests_are_prompted_due_dated_answered_and_notify(
    supervised_case, officer, spo
):
    risk_services.registration_add(
        case=supervised_case, by=officer, registration_type="domestic_abuse"
    )
    assert information_requests.information_request_required(supervised_case) == ["police"]
    request = information_requests.information_request_raise(
        case=supervised_case,
        by=officer,
        agency="police",
        question="Domestic abuse call-outs in 2 years?",
    )
    assert information_requests.information_request_required(supervised_case) == []
    assert request.chase_due_on > request.sent_on
    assert request.escalate_due_on > request.chase_due_on
    information_requests.information_request_chase(request=request)
    information_requests.information_request_escalate(request=request)
    assert alerts("information_request")[0].payload["recipient_ids"] == [spo.pk]
    information_requests.information_request_answer(
        request=request, answer="Two call-outs, 2025", partner_person="PC Jones"
    )
    request.refresh_from_db()
    assert request.status == "answered"
    assert request.answered_by_partner == "PC Jones"
    with pytest.raises(DomainError):
        information_requests.information_request_answer(request=request, answer="again")


def test_a_change_in_rosh_triggers_a_review_once(supervised_case, officer):
    from cases.models import Review

    risk_services.risk_record(case=supervised_case, by=officer, rosh_overall="low")
    assert not Review.objects.filter(case=supervised_case, kind="rosh_change").exists()
    risk_services.risk_record(case=supervised_case, by=officer, rosh_overall="medium")
    risk_services.risk_record(
        case=supervised_case, by=officer, rosh_overall="medium", ogrs_score=40
    )
    assert Review.objects.filter(case=supervised_case, kind="rosh_change").count() == 1


def test_information_request_due_dates_skip_christmas_and_new_year(supervised_case, officer):
    with time_machine.travel(dt.datetime(2026, 12, 23, 10, 0, tzinfo=dt.UTC), tick=False):
        request = information_requests.information_request_raise(
            case=supervised_case, by=officer, agency="police", question="Call-outs?"
        )
    assert request.sent_on == dt.date(2026, 12, 23)
    # 24 Dec, then 29, 30, 31 Dec (25 and 28 are bank holidays), then 4 Jan (1 Jan is too).
    assert request.chase_due_on == dt.date(2027, 1, 4)
    assert request.escalate_due_on == dt.date(2027, 1, 11)


def test_the_service_refuses_unpaid_work_hours_outside_40_to_300(officer, case):
    order = OrderFactory(case=case, order_type="co")
    with pytest.raises(DomainError, match="from 40 to 300") as refused:
        record_services.requirement_add(
            order=order, by=officer, requirement_type="unpaid_work", length=301
        )
    assert refused.value.field == "length"
    assert not order.requirements.exists()
