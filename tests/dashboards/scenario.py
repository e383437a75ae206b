"""Seeded supervision data for the measure tests: cases that each meet (or only nearly
meet) one figure's definition, in two teams, at a fixed London time."""

import datetime as dt

from django.utils import timezone

from tests.factories import (
    AppointmentFactory,
    AssessmentFactory,
    CaseFactory,
    ContactFactory,
    ContactLevelDecisionFactory,
    EnforcementActionFactory,
    EscalationFactory,
    InformationRequestFactory,
    OrderFactory,
    OversightEntryFactory,
    RegistrationFactory,
    ReviewFactory,
    SentencePlanFactory,
    ServiceCentreTaskFactory,
    SignificantChangeFactory,
)

# A Wednesday well away from bank holidays.
NOW = dt.datetime(2026, 3, 11, 12, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 3, 11)


def seed(team, officer, *, copies: int = 1) -> dict[str, list]:
    """Cases for every figure, `copies` times over; returns the cases by what they show."""
    made: dict[str, list] = {}

    def case(label: str, **kwargs):
        new = CaseFactory(team=team, responsible_officer=officer, ethnicity="W1", **kwargs)
        OrderFactory(case=new, start_date=TODAY - dt.timedelta(days=120))
        made.setdefault(label, []).append(new)
        return new

    now = timezone.now()
    for _ in range(copies):
        ReviewFactory(case=case("review_overdue"), due_on=TODAY - dt.timedelta(days=1))
        ReviewFactory(case=case("review_due"), due_on=TODAY + dt.timedelta(days=3))
        ReviewFactory(case=case("review_later"), due_on=TODAY + dt.timedelta(days=28))
        ReviewFactory(case=case("review_done"), due_on=TODAY - dt.timedelta(days=5), complete=True)
        AppointmentFactory(case=case("appointment_past"), starts_at=now - dt.timedelta(days=1))
        AppointmentFactory(case=case("appointment_future"))
        ContactFactory(
            case=case("absence_undecided"),
            outcome="absence_to_decide",
            acceptability_due_on=TODAY - dt.timedelta(days=1),
        )
        ContactFactory(
            case=case("failure_undecided"), failed=True, happened_at=now - dt.timedelta(days=10)
        )
        decided = case("failure_decided")
        EnforcementActionFactory(
            case=decided,
            failure=ContactFactory(
                case=decided, failed=True, happened_at=now - dt.timedelta(days=10)
            ),
        )
        ContactFactory(case=case("failure_recent"), failed=True, happened_at=now)
        ServiceCentreTaskFactory(case=case("letter_overdue"), due_date=TODAY - dt.timedelta(days=1))
        ServiceCentreTaskFactory(
            case=case("referral_overdue"),
            kind="nps_referral",
            due_date=TODAY - dt.timedelta(days=1),
        )
        EscalationFactory(case=case("escalation_open"))
        EscalationFactory(case=case("escalation_closed"), status="closed")
        SignificantChangeFactory(case=case("change_unreviewed"))
        reviewed = case("change_reviewed")
        SignificantChangeFactory(case=reviewed, review=ReviewFactory(case=reviewed, complete=True))
        InformationRequestFactory(case=case("request_open"))
        InformationRequestFactory(case=case("request_answered"), answered=True)
        RegistrationFactory(
            case=case("registration_overdue"), next_review_date=TODAY - dt.timedelta(days=1)
        )
        RegistrationFactory(
            case=case("registration_ended"),
            next_review_date=TODAY - dt.timedelta(days=1),
            ended_on=TODAY - dt.timedelta(days=2),
        )
        complete = case("assessed_and_planned")
        AssessmentFactory(case=complete, complete=True)
        SentencePlanFactory(case=complete)
        AssessmentFactory(case=case("assessment_draft"))
        case("no_ethnicity").__class__.objects.filter(pk=made["no_ethnicity"][-1].pk).update(
            ethnicity=""
        )
        old = case("old_without_oversight")
        old_seen = case("old_with_oversight")
        OversightEntryFactory(case=old_seen)
        old.__class__.objects.filter(pk__in=[old.pk, old_seen.pk]).update(
            created_at=now - dt.timedelta(weeks=20)
        )
        # The Grid: fortnightly, one face to face.
        ContactLevelDecisionFactory(case=case("grid_met"))
        ContactFactory(case=made["grid_met"][-1], happened_at=now - dt.timedelta(days=3))
        ContactLevelDecisionFactory(case=case("grid_none"))
        ContactLevelDecisionFactory(case=case("grid_phone_only"))
        ContactFactory(
            case=made["grid_phone_only"][-1],
            contact_type="telephone",
            happened_at=now - dt.timedelta(days=2),
        )
        ContactLevelDecisionFactory(case=case("grid_absent"))
        ContactFactory(
            case=made["grid_absent"][-1],
            outcome="unacceptable_absence",
            happened_at=now - dt.timedelta(days=2),
        )
        new_start = CaseFactory(team=team, responsible_officer=officer, ethnicity="W1")
        OrderFactory(case=new_start, start_date=TODAY - dt.timedelta(days=5))
        ContactLevelDecisionFactory(case=new_start)
        made.setdefault("grid_started_in_period", []).append(new_start)
        ContactLevelDecisionFactory(case=case("grid_weekly_twice"), contacts=2, period_days=7)
        ContactFactory(case=made["grid_weekly_twice"][-1], happened_at=now - dt.timedelta(days=1))
        ContactFactory(case=made["grid_weekly_twice"][-1], happened_at=now - dt.timedelta(days=6))
        ReviewFactory(
            case=case("terminated", status="terminated"), due_on=TODAY - dt.timedelta(days=1)
        )
    return made
