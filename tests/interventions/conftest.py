"""A provider, a service at it, its caseworker, and a referral of the officer's case
walked through the services to each stage of its lifecycle."""

import datetime as dt

import pytest
from django.utils import timezone

from crc.notifications import tasks as notification_tasks
from crc.organisation.models import PartnerType
from interventions import services
from tests.factories import (
    CriminogenicNeedFactory,
    InterventionServiceFactory,
    PartnerOrganisationFactory,
    PlanObjectiveFactory,
    RequirementFactory,
)
from tests.factories.interventions import provider_caseworker


@pytest.fixture
def broker_down(monkeypatch):
    """Every publish of a delivery task fails as with the broker unreachable."""

    def unreachable(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(notification_tasks.deliver_outbox_message, "apply_async", unreachable)


@pytest.fixture
def provider(db):
    return PartnerOrganisationFactory(
        name="Change Grow Live", partner_type=PartnerType.INTERVENTION_PROVIDER
    )


@pytest.fixture
def service(provider):
    return InterventionServiceFactory(
        name="Alcohol Toolkit", provider=provider, needs=["alcohol"], sessions=3
    )


@pytest.fixture
def caseworker(provider):
    return provider_caseworker(provider, username="caseworker", first_name="Casey")


@pytest.fixture
def needy_case(case):
    CriminogenicNeedFactory(case=case, need="alcohol", severity="standard")
    return case


@pytest.fixture
def objective(needy_case):
    return PlanObjectiveFactory(plan__case=needy_case, need="alcohol", description="Drink less")


def ago(days: int, hour: int = 10) -> dt.datetime:
    return (timezone.now() - dt.timedelta(days=days)).replace(hour=hour, minute=0)


class Walk:
    """Take a referral through the services, one stage at a time."""

    def __init__(self, case, service, officer, caseworker, objective=None):
        self.case, self.service = case, service
        self.officer, self.caseworker = officer, caseworker
        self.objective = objective

    def sent(self, **kwargs):
        outcome = {"description": "Drinks less", "objective": self.objective}
        return services.referral_create(
            case=self.case,
            service=self.service,
            by=self.officer,
            desired_outcomes=[outcome],
            **kwargs,
        )

    def assigned(self):
        referral = self.sent()
        return services.referral_assign(
            referral=referral, caseworker=self.caseworker, by=self.caseworker
        )

    def assessed(self):
        referral = self.assigned()
        services.appointment_record(referral=referral, by=self.caseworker, starts_at=ago(30))
        return referral

    def plan_submitted(self, sessions=3):
        referral = self.assessed()
        plan = services.action_plan_submit(
            referral=referral,
            by=self.caseworker,
            activities=["Drink diary", "Triggers"],
            number_of_sessions=sessions,
        )
        return referral, plan

    def revise_plan(self, referral, plan, activities, sessions):
        """The caseworker submits a revised plan over `plan`, from its current version: what
        makes an officer's or another caseworker's earlier reading of it stale."""
        return services.action_plan_submit(
            referral=referral,
            by=self.caseworker,
            activities=activities,
            number_of_sessions=sessions,
            version=plan.version,
        )

    def approved(self, sessions=3):
        referral, plan = self.plan_submitted(sessions)
        services.action_plan_approve(plan=plan, by=self.officer, version=plan.version)
        return referral

    def session(self, referral, days_ago, attendance="yes", **feedback):
        feedback.setdefault("summary", "Worked on the drink diary.")
        return services.session_record(
            referral=referral,
            by=self.caseworker,
            starts_at=ago(days_ago),
            attendance=attendance,
            **feedback,
        )

    def attend_appointment(self, referral, appointment, **feedback):
        """The caseworker records a booked appointment as attended, at its booked time;
        `feedback` (summary, concerns...) as session_record takes it."""
        return services.session_record(
            referral=referral,
            by=self.caseworker,
            starts_at=appointment.starts_at,
            attendance="yes",
            appointment=appointment,
            **feedback,
        )


@pytest.fixture
def walk(needy_case, service, officer, caseworker, objective):
    return Walk(needy_case, service, officer, caseworker, objective)


@pytest.fixture
def rar(needy_case):
    return RequirementFactory(order__case=needy_case, requirement_type="rar", length=10)
