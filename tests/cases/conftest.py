"""Fixtures the case page tests share: a supervised case and what hangs on it."""

import pytest

from cases.models import ContactLevelStatus
from cases.risk import contact_levels, escalations
from cases.risk import services as risk_services
from tests.factories import OrderFactory, RequirementFactory


@pytest.fixture
def supervised_case(case, officer):
    """The officer's case with a community order and a RAR: tier worked out from it."""
    RequirementFactory(order=OrderFactory(case=case), requirement_type="rar")
    risk_services.tier_recalculate(case=case, by=officer)
    case.refresh_from_db()
    return case


@pytest.fixture
def registration(supervised_case, officer):
    return risk_services.registration_add(
        case=supervised_case, by=officer, registration_type="mental_health"
    )


@pytest.fixture
def escalation(supervised_case, officer):
    return escalations.escalation_raise(case=supervised_case, by=officer, reasons="New information")


@pytest.fixture
def weekly_level(supervised_case, officer):
    return contact_levels.contact_level_change(
        case=supervised_case,
        by=officer,
        contacts=1,
        period_days=7,
        face_to_face=1,
        reason="Induction",
    )


@pytest.fixture
def pending_reduction(supervised_case, officer, weekly_level, escalation):
    """A reduction asked for while an escalation is open: it waits for the SPO."""
    decision = contact_levels.contact_level_change(
        case=supervised_case,
        by=officer,
        contacts=1,
        period_days=28,
        face_to_face=1,
        reason="Settled and working",
    )
    assert decision.status == ContactLevelStatus.AWAITING_APPROVAL
    return decision


@pytest.fixture
def only_cases_timeline_sources():
    """The timeline as `cases` alone registers it: the tests that pin the built-in kinds,
    their order, the recorded pages and the page's query count do not see the sources
    other apps (resettlement, unpaid work, interventions) add from their ready()."""
    from cases import timeline

    others = [
        source
        for source in timeline.sources()
        if not source.reader.__module__.startswith(("cases.", "tests."))
    ]
    for source in others:
        timeline.unregister_source(source.kind)
    try:
        yield
    finally:
        for source in others:
            timeline.register_source(
                kind=source.kind,
                label=source.label,
                reader=source.reader,
                order=source.order,
                sensitive_detail_for=source.sensitive_detail_for,
            )
