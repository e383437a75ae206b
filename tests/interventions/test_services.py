"""The referral's lifecycle through the services: One Referral, assignment, the action
plan and its approval, sessions, the end-of-service report, withdrawal, concluding."""

import pytest
from django.utils import timezone

from cases.models import AttendanceOutcome, Contact
from crc.domain import DomainError, StaleVersionError
from interventions import selectors, services
from interventions.models import RiskDisclosure
from interventions.rules import ReferralStatus as S
from tests.factories import (
    AssessmentFactory,
    InterventionServiceFactory,
    InterventionSuggestionFactory,
    PlanObjectiveFactory,
    ReferralFactory,
)
from tests.factories.interventions import provider_caseworker

pytestmark = pytest.mark.django_db


# --- One Referral ------------------------------------------------------------------------


def test_a_referral_is_sent_with_its_outcomes_linked_to_the_plan(walk, objective, officer):
    referral = walk.sent(reason="Drinking linked to the offence")
    assert referral.status == S.SENT
    assert referral.referred_by == officer
    assert [(o.description, o.objective) for o in referral.outcomes.all()] == [
        ("Drinks less", objective)
    ]
    assert referral.history.first().history_user == officer


def test_the_provider_sees_the_redacted_risk_view_unless_the_officer_shares_more(walk):
    AssessmentFactory(case=walk.case, risk_of_harm_analysis="Violent when drunk, to a partner.")
    redacted = walk.sent()
    assert redacted.risk_disclosure == RiskDisclosure.REDACTED
    assert "RoSH Overall" in redacted.risk_information
    assert "Violent when drunk" not in redacted.risk_information
    full = walk.sent(share_full_risk=True)
    assert full.risk_disclosure == RiskDisclosure.FULL
    assert "Violent when drunk" in full.risk_information


def test_a_referral_to_a_service_the_grid_suggests_is_marked_so(walk):
    # The default Grid suggests the Alcohol Toolkit for an alcohol need.
    assert walk.sent().from_grid_suggestion
    walk.service = InterventionServiceFactory(name="Drink Impaired Drivers", needs=["alcohol"])
    assert not walk.sent().from_grid_suggestion
    InterventionSuggestionFactory(
        trigger="need", value="alcohol", intervention="Drink Impaired Drivers"
    )
    assert walk.sent().from_grid_suggestion


def test_an_ineligible_case_is_refused_with_the_reasons(walk):
    walk.service.eligible_sexes = ["female"]
    walk.service.save()
    with pytest.raises(DomainError, match="Only for people whose sex is female"):
        walk.sent()


def test_a_full_service_takes_no_more_referrals(walk):
    walk.service.capacity = 1
    walk.service.save()
    walk.sent()
    with pytest.raises(DomainError, match="full"):
        walk.sent()


def test_an_outcome_cannot_point_at_another_cases_objective(walk, officer):
    elsewhere = PlanObjectiveFactory()
    with pytest.raises(DomainError, match="another case"):
        services.referral_create(
            case=walk.case,
            service=walk.service,
            by=officer,
            desired_outcomes=[{"description": "x", "objective": elsewhere}],
        )


def test_a_referral_without_a_desired_outcome_is_refused(walk, officer):
    with pytest.raises(DomainError, match="achieve"):
        services.referral_create(
            case=walk.case, service=walk.service, by=officer, desired_outcomes=[]
        )


def test_the_referral_is_prefilled_from_the_assessment_and_the_plan(walk, objective):
    AssessmentFactory(case=walk.case, offending_analysis="Drinks before offending.")
    PlanObjectiveFactory(plan=objective.plan, need="accommodation")  # not this service's need
    prefill = selectors.referral_prefill(walk.case, walk.service)
    assert prefill["reason"] == "Drinks before offending."
    assert [o["objective"] for o in prefill["desired_outcomes"]] == [objective]


def test_the_directory_shows_each_services_eligibility_for_the_case(walk):
    InterventionServiceFactory(name="Thinking Ahead for Women", eligible_sexes=["female"])
    entries = {e.service.name: e for e in selectors.directory_for_case(walk.case)}
    assert entries["Alcohol Toolkit"].eligible
    assert not entries["Thinking Ahead for Women"].eligible


# --- The provider's lifecycle -----------------------------------------------------------------


def test_only_a_caseworker_of_the_provider_can_be_assigned(walk, officer):
    referral = walk.sent()
    for wrong in (provider_caseworker(), officer):
        with pytest.raises(DomainError, match="caseworker of the provider"):
            services.referral_assign(referral=referral, caseworker=wrong, by=officer)


def test_a_plan_cannot_be_submitted_before_the_initial_assessment(walk):
    referral = walk.assigned()
    with pytest.raises(DomainError, match="assigned"):
        services.action_plan_submit(
            referral=referral, by=walk.caseworker, activities=["x"], number_of_sessions=3
        )


def test_a_plan_over_the_services_maximum_is_refused(walk):
    walk.service.max_sessions = 4
    walk.service.save()
    with pytest.raises(DomainError, match="between 1 and 4"):
        walk.plan_submitted(sessions=5)


def test_the_officer_approves_the_plan_they_read(walk, officer):
    referral, plan = walk.plan_submitted()
    services.action_plan_approve(plan=plan, by=officer, version=plan.version)
    referral.refresh_from_db()
    plan.refresh_from_db()
    assert referral.status == S.PLAN_APPROVED
    assert plan.approved_by == officer


def test_approving_a_plan_the_provider_revised_meanwhile_is_refused_as_stale(walk, officer):
    referral, plan = walk.plan_submitted()
    read_version = plan.version
    walk.revise_plan(referral, plan, ["Revised"], sessions=4)
    with pytest.raises(StaleVersionError):
        services.action_plan_approve(plan=plan, by=officer, version=read_version)
    plan.refresh_from_db()
    assert plan.approved_at is None and plan.activities == ["Revised"]


def test_a_revision_without_the_version_it_started_from_is_refused(walk):
    referral, _ = walk.plan_submitted()
    with pytest.raises(StaleVersionError):
        services.action_plan_submit(
            referral=referral, by=walk.caseworker, activities=["x"], number_of_sessions=3
        )


def test_sessions_wait_for_the_approved_plan(walk):
    referral, _ = walk.plan_submitted()
    with pytest.raises(DomainError, match="action plan submitted"):
        walk.session(referral, days_ago=1)


def test_an_attended_session_needs_a_summary(walk):
    referral = walk.approved()
    with pytest.raises(DomainError, match="summary"):
        walk.session(referral, days_ago=1, summary="")


def test_an_appointment_is_recorded_once(walk):
    referral = walk.assessed()
    appointment = referral.appointments.get()
    walk.attend_appointment(referral, appointment, summary="Assessed")
    with pytest.raises(DomainError, match="already recorded"):
        walk.attend_appointment(referral, appointment, summary="Again")


# --- Non-attendance and enforcement ----------------------------------------------------------


def test_an_absence_the_provider_calls_unacceptable_is_a_failure_to_comply(walk):
    referral = walk.approved()
    appointment = walk.session(referral, days_ago=2, attendance="no", absence_acceptable=False)
    contact = Contact.objects.get(case=walk.case)
    assert appointment.enforcement_contact == contact
    assert contact.outcome == AttendanceOutcome.UNACCEPTABLE_ABSENCE
    assert contact.is_failure


def test_an_absence_of_unknown_reason_goes_to_the_officer_to_decide(walk):
    referral = walk.approved()
    walk.session(referral, days_ago=2, attendance="no")
    contact = Contact.objects.get(case=walk.case)
    assert contact.outcome == AttendanceOutcome.ABSENCE_TO_DECIDE
    assert contact.acceptability_due_on is not None


def test_an_acceptable_absence_with_its_reason_enters_no_enforcement(walk):
    referral = walk.approved()
    walk.session(
        referral, days_ago=2, attendance="no", absence_acceptable=True, absence_reason="In hospital"
    )
    assert not Contact.objects.filter(case=walk.case).exists()


# --- Ending ------------------------------------------------------------------------------


def _report(walk, referral, achievement="achieved"):
    return services.end_of_service_report_submit(
        referral=referral,
        by=walk.caseworker,
        achievements={o.pk: (achievement, "") for o in referral.outcomes.all()},
    )


def test_every_session_delivered_and_reported_concludes_as_completed(walk):
    referral = walk.approved(sessions=2)
    walk.session(referral, days_ago=9)
    walk.session(referral, days_ago=2, attendance="late")
    report = _report(walk, referral)
    referral.refresh_from_db()
    assert referral.status == S.COMPLETED and referral.concluded_at
    assert [a.achievement for a in report.achievements.all()] == ["achieved"]


def test_part_delivered_and_reported_concludes_as_ended_early(walk):
    referral = walk.approved(sessions=3)
    walk.session(referral, days_ago=9)
    walk.session(
        referral, days_ago=2, attendance="no", absence_acceptable=True, absence_reason="Ill"
    )
    _report(walk, referral, "partly")
    referral.refresh_from_db()
    assert referral.status == S.ENDED_EARLY


def test_a_report_must_answer_every_desired_outcome(walk):
    referral = walk.approved()
    with pytest.raises(DomainError, match="each outcome"):
        services.end_of_service_report_submit(
            referral=referral, by=walk.caseworker, achievements={}
        )


def test_withdrawn_before_a_plan_was_approved_concludes_as_cancelled_at_once(walk, officer):
    referral, _ = walk.plan_submitted()
    referral = services.referral_withdraw(referral=referral, by=officer, reason="Moved away")
    assert referral.status == S.CANCELLED
    assert referral.withdrawal_reason == "Moved away"


def test_withdrawn_in_delivery_waits_for_the_report_then_ends_early(walk, officer):
    referral = walk.approved()
    walk.session(referral, days_ago=3)
    referral = services.referral_withdraw(referral=referral, by=officer, reason="Custody")
    assert referral.status == S.WITHDRAWN
    _report(walk, referral, "partly")
    referral.refresh_from_db()
    assert referral.status == S.ENDED_EARLY


def test_a_withdrawal_needs_a_reason_and_cannot_be_repeated(walk, officer):
    referral = walk.sent()
    with pytest.raises(DomainError, match="why"):
        services.referral_withdraw(referral=referral, by=officer, reason=" ")
    services.referral_withdraw(referral=referral, by=officer, reason="Moved away")
    with pytest.raises(DomainError):
        services.referral_withdraw(referral=referral, by=officer, reason="Again")


def test_the_nightly_sweep_concludes_what_is_due_and_only_once():
    due = ReferralFactory(
        status=S.WITHDRAWN, withdrawn_at=timezone.now(), withdrawal_reason="Moved"
    )
    in_delivery = ReferralFactory(status=S.PLAN_APPROVED)
    assert services.referrals_conclude() == 1
    assert services.referrals_conclude() == 0
    due.refresh_from_db()
    in_delivery.refresh_from_db()
    assert (due.status, in_delivery.status) == (S.CANCELLED, S.PLAN_APPROVED)
