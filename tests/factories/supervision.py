"""Planning (assessment, information requests, sentence plan), contacts (appointments,
contacts, enforcement) and reviews (significant changes, reviews, oversight)."""

import datetime as dt

import factory
from django.utils import timezone

from cases.models import (
    Appointment,
    Assessment,
    Contact,
    EnforcementAction,
    InformationRequest,
    OversightEntry,
    PlanAction,
    PlanObjective,
    Review,
    SentencePlan,
    SignificantChange,
)
from crc.organisation.models import Role
from tests.factories.organisation import StaffFactory
from tests.factories.record import (
    CaseRecordFactory,
    EscalationFactory,
    case_officer,
    today,
)

# --- Planning ----------------------------------------------------------------------


class AssessmentFactory(CaseRecordFactory):
    """A draft assessment; `complete=True` for a completed one."""

    class Meta:
        model = Assessment

    offending_analysis = "Shop theft to fund a drug habit."
    updated_by = case_officer()

    class Params:
        complete = factory.Trait(
            status="complete",
            victims="Retail staff.",
            risk_of_harm_analysis="Low risk of harm; no violence.",
            strengths="Supportive family.",
            completed_at=factory.LazyFunction(timezone.now),
            completed_by=factory.SelfAttribute("updated_by"),
        )


class InformationRequestFactory(CaseRecordFactory):
    """An open request to the police sent today (chase and escalation dates as the
    service sets them: 5 and 10 working days, here 7 and 14 calendar days)."""

    class Meta:
        model = InformationRequest

    agency = "police"
    question = "Any domestic abuse call-outs to this address in the last two years?"
    sent_on = factory.LazyFunction(today)
    chase_due_on = factory.LazyAttribute(lambda o: o.sent_on + dt.timedelta(days=7))
    escalate_due_on = factory.LazyAttribute(lambda o: o.sent_on + dt.timedelta(days=14))
    requested_by = case_officer()

    class Params:
        answered = factory.Trait(
            status="answered",
            answer="Two call-outs in 2025, no charges.",
            answered_at=factory.LazyFunction(timezone.now),
            answered_by_staff=factory.SelfAttribute("requested_by"),
        )


class SentencePlanFactory(CaseRecordFactory):
    class Meta:
        model = SentencePlan

    own_words = "I want to keep my flat and get back to work."
    person_took_part = True
    updated_by = case_officer()


class PlanObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanObjective

    plan = factory.SubFactory(SentencePlanFactory)
    description = "Keep a settled home"
    need = "accommodation"


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    objective = factory.SubFactory(PlanObjectiveFactory)
    description = "Meet the housing officer"
    owner = "The person"
    due_on = factory.LazyFunction(lambda: today() + dt.timedelta(days=14))


# --- Contacts ----------------------------------------------------------------------


class AppointmentFactory(CaseRecordFactory):
    """An office appointment booked for the day after tomorrow at 10:00."""

    class Meta:
        model = Appointment

    contact_type = "office"
    starts_at = factory.LazyFunction(
        lambda: timezone.make_aware(
            dt.datetime.combine(today() + dt.timedelta(days=2), dt.time(10, 0))
        )
    )
    location = "Islington office"
    booked_by = case_officer()
    with_staff = factory.SelfAttribute("booked_by")


class ContactFactory(CaseRecordFactory):
    """An office contact yesterday that the person complied with; `failed=True` for a
    failure to comply (what enforcement hangs off)."""

    class Meta:
        model = Contact

    contact_type = "office"
    happened_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    recorded_by = case_officer()
    summary = "Discussed housing and work."
    outcome = "complied"

    class Params:
        failed = factory.Trait(
            outcome="failed_to_comply", summary="Did not attend; no reason given."
        )


class EnforcementActionFactory(CaseRecordFactory):
    """A formal warning for a failure to comply on the same case."""

    class Meta:
        model = EnforcementAction

    failure = factory.SubFactory(ContactFactory, case=factory.SelfAttribute("..case"), failed=True)
    kind = "warning"
    decided_by = case_officer()
    decided_at = factory.LazyFunction(timezone.now)


# --- Reviews -----------------------------------------------------------------------


class SignificantChangeFactory(CaseRecordFactory):
    """A change recorded by staff; `from_partner=True` for one a partner reported."""

    class Meta:
        model = SignificantChange

    category = "loss_of_accommodation"
    description = "Asked to leave the family home."
    occurred_on = factory.LazyFunction(lambda: today() - dt.timedelta(days=1))
    source = "staff"
    recorded_by = case_officer()

    class Params:
        from_partner = factory.Trait(
            source="partner",
            category="arrest",
            recorded_by=None,
            partner_organisation=factory.SubFactory(
                "tests.factories.organisation.PartnerOrganisationFactory"
            ),
            reported_by="DC Jones",
        )


class ReviewFactory(CaseRecordFactory):
    """A periodic review due in four weeks."""

    class Meta:
        model = Review

    kind = "periodic"
    due_on = factory.LazyFunction(lambda: today() + dt.timedelta(days=28))

    class Params:
        complete = factory.Trait(
            status="complete",
            compliance_and_engagement="Attending every appointment.",
            completed_at=factory.LazyFunction(timezone.now),
            completed_by=case_officer(),
        )


class OversightEntryFactory(CaseRecordFactory):
    """An SPO's management oversight note; `on_escalation=True` countersigns an
    escalation of the same case."""

    class Meta:
        model = OversightEntry

    kind = "note"
    text = "Reviewed the case; the plan addresses the risk."
    author = factory.SubFactory(
        StaffFactory, role=Role.SENIOR_PROBATION_OFFICER, team=factory.SelfAttribute("..case.team")
    )

    class Params:
        on_escalation = factory.Trait(
            kind="countersignature",
            escalation=factory.SubFactory(EscalationFactory, case=factory.SelfAttribute("..case")),
        )
