"""Assessment and sentence plan services: versioning, stale saves refused with nothing
changed, completion rules, and answers brought into the assessment."""

import datetime as dt

import pytest

from cases.models import Assessment, AssessmentStatus, PlanAction, PlanObjective, SentencePlan
from cases.planning import information_requests, selectors, services
from cases.risk import services as risk_services
from crc.domain import DomainError, StaleVersionError
from tests.factories import PartnerOrganisationFactory

pytestmark = pytest.mark.django_db


def register(case, by, kind):
    return risk_services.registration_add(case=case, by=by, registration_type=kind)


# --- Assessment versioning -----------------------------------------------------------------


def test_the_first_save_creates_the_assessment_at_version_1(case, officer):
    saved = services.assessment_save(case=case, by=officer, version=0, victims=" Her children ")
    assert (saved.version, saved.victims, saved.updated_by) == (1, "Her children", officer)
    assert saved.status == AssessmentStatus.DRAFT
    assert saved.history.first().history_user == officer


def test_each_save_bumps_the_version_and_keeps_other_sections(case, officer, spo):
    services.assessment_save(case=case, by=officer, version=0, victims="A", strengths="B")
    saved = services.assessment_save(case=case, by=spo, version=1, victims="C")
    assert (saved.version, saved.victims, saved.strengths, saved.updated_by) == (2, "C", "B", spo)
    assert saved.history.count() == 2


def test_it_refuses_a_stale_assessment_save_and_changes_nothing(case, officer, spo):
    services.assessment_save(case=case, by=officer, version=0, victims="Officer's")
    services.assessment_save(case=case, by=spo, version=1, victims="SPO's")
    history = Assessment.history.count()
    with pytest.raises(StaleVersionError):
        services.assessment_save(case=case, by=officer, version=1, victims="Stale")
    current = Assessment.objects.get(case=case)
    assert (current.version, current.victims, current.updated_by) == (2, "SPO's", spo)
    assert Assessment.history.count() == history


def test_two_people_starting_the_assessment_cannot_both_create_it(case, officer, spo):
    services.assessment_save(case=case, by=officer, version=0, victims="First")
    with pytest.raises(StaleVersionError):
        services.assessment_save(case=case, by=spo, version=0, victims="Second")
    assert Assessment.objects.get(case=case).victims == "First"


def test_it_rejects_unknown_sections(case, officer):
    with pytest.raises(TypeError):
        services.assessment_save(case=case, by=officer, version=0, status="complete")


# --- Completion -----------------------------------------------------------------------------


def test_completing_needs_the_risk_of_harm_analysis(case, officer):
    draft = services.assessment_save(case=case, by=officer, version=0, victims="x")
    with pytest.raises(DomainError, match="risk of harm analysis"):
        services.assessment_complete(assessment=draft, by=officer, version=1)
    assert Assessment.objects.get(case=case).status == AssessmentStatus.DRAFT


def test_completing_is_refused_until_the_police_are_asked_about_domestic_abuse(case, officer):
    register(case, officer, "domestic_abuse")
    draft = services.assessment_save(case=case, by=officer, version=0, risk_of_harm_analysis="x")
    with pytest.raises(DomainError, match="Ask the police"):
        services.assessment_complete(assessment=draft, by=officer, version=1)
    information_requests.information_request_raise(
        case=case, by=officer, agency="police", question="Call-outs?"
    )
    # Asked but not answered yet: completion is allowed (the open request stays listed).
    done = services.assessment_complete(assessment=draft, by=officer, version=1)
    assert (done.status, done.version, done.completed_by) == ("complete", 2, officer)
    assert [r.agency for r in services.open_requests(case)] == ["police"]


def test_completing_asks_for_childrens_social_care_when_a_child_flag_is_registered(case, officer):
    register(case, officer, "child_concerns")
    draft = services.assessment_save(case=case, by=officer, version=0, risk_of_harm_analysis="x")
    with pytest.raises(DomainError, match="children's social care"):
        services.assessment_complete(assessment=draft, by=officer, version=1)


def test_completing_a_stale_version_is_refused(case, officer, spo):
    draft = services.assessment_save(case=case, by=officer, version=0, risk_of_harm_analysis="x")
    services.assessment_save(case=case, by=spo, version=1, victims="y")
    with pytest.raises(StaleVersionError):
        services.assessment_complete(assessment=draft, by=officer, version=1)
    assert Assessment.objects.get(case=case).status == AssessmentStatus.DRAFT


# --- Required requests and bringing answers in ------------------------------------------------


def test_the_tab_prompts_for_the_agencies_not_yet_asked(case, officer):
    assert selectors.assessment_page(case).required == []
    register(case, officer, "domestic_abuse")
    register(case, officer, "risk_to_children")
    page = selectors.assessment_page(case)
    assert [r["agency"] for r in page.required] == ["police", "childrens_social_care"]
    assert "ask the police about call-outs" in page.required[0]["text"]


def test_a_withdrawn_request_prompts_again(case, officer):
    register(case, officer, "domestic_abuse")
    request = information_requests.information_request_raise(
        case=case, by=officer, agency="police", question="Call-outs?"
    )
    assert selectors.assessment_page(case).required == []
    information_requests.information_request_withdraw(
        request=request, by=officer, reason="Wrong force"
    )
    assert [r["agency"] for r in selectors.assessment_page(case).required] == ["police"]


def test_answers_are_brought_in_once_with_agency_and_date(case, officer):
    police = PartnerOrganisationFactory(name="Metropolitan Police Service")
    request = information_requests.information_request_raise(
        case=case, by=officer, agency="police", question="Call-outs?", partner_organisation=police
    )
    information_requests.information_request_answer(
        request=request, answer="Two call-outs", by=officer
    )
    services.assessment_save(case=case, by=officer, version=0, other_agencies="Earlier notes")
    assert selectors.assessment_page(case).answers_to_bring_in == 1

    saved = services.assessment_bring_in_answers(case=case, by=officer, version=1)
    assert saved.version == 2
    assert saved.other_agencies.startswith("Earlier notes\n\nPolice (Metropolitan Police Service)")
    assert saved.other_agencies.endswith("Two call-outs")
    assert selectors.assessment_page(case).answers_to_bring_in == 0
    with pytest.raises(DomainError, match="no answers"):
        services.assessment_bring_in_answers(case=case, by=officer, version=2)


def test_bringing_answers_in_checks_the_version(case, officer):
    request = information_requests.information_request_raise(
        case=case, by=officer, agency="police", question="Call-outs?"
    )
    information_requests.information_request_answer(request=request, answer="None", by=officer)
    services.assessment_save(case=case, by=officer, version=0, victims="x")
    with pytest.raises(StaleVersionError):
        services.assessment_bring_in_answers(case=case, by=officer, version=0)
    assert Assessment.objects.get(case=case).other_agencies == ""


# --- Sentence plan -----------------------------------------------------------------------------


def test_a_stale_plan_save_is_refused_and_changes_nothing(case, officer, spo):
    services.plan_save(case=case, by=officer, version=0, contingency_plan="Officer's")
    services.plan_save(case=case, by=spo, version=1, contingency_plan="SPO's")
    with pytest.raises(StaleVersionError):
        services.plan_save(case=case, by=officer, version=1, contingency_plan="Stale")
    plan = SentencePlan.objects.get(case=case)
    assert (plan.version, plan.contingency_plan) == (2, "SPO's")


def test_adding_objectives_and_actions_bumps_the_plan_version(case, officer):
    objective = services.plan_objective_add(
        case=case, by=officer, description="Keep her safe", addresses_risk_of_harm=True
    )
    plan = SentencePlan.objects.get(case=case)
    assert plan.version == 1
    action = services.plan_action_add(
        objective=objective, by=officer, description="Attend BBR", owner="The person"
    )
    services.plan_action_complete(action=action, by=officer)
    plan.refresh_from_db()
    assert plan.version == 3
    assert PlanAction.objects.get().done_on == dt.date.today()
    # An edit of the plan-level fields from a page read before the action was added is
    # told that the plan changed.
    with pytest.raises(StaleVersionError):
        services.plan_save(case=case, by=officer, version=1, own_words="x")


def test_an_objective_must_address_a_need_or_risk_of_harm(case, officer):
    with pytest.raises(DomainError, match="which need"):
        services.plan_objective_add(case=case, by=officer, description="Do better")
    assert not PlanObjective.objects.exists()


def test_an_action_cannot_be_done_twice(case, officer):
    objective = services.plan_objective_add(case=case, by=officer, description="Work", need="ete")
    action = services.plan_action_add(objective=objective, by=officer, description="x", owner="y")
    services.plan_action_complete(action=action, by=officer)
    with pytest.raises(DomainError, match="already done"):
        services.plan_action_complete(action=action, by=officer)


def test_risk_objectives_come_first(case, officer):
    services.plan_objective_add(case=case, by=officer, description="Work", need="ete")
    services.plan_objective_add(
        case=case, by=officer, description="Safety", addresses_risk_of_harm=True
    )
    page = selectors.assessment_page(case)
    assert [o.description for o in page.objectives] == ["Safety", "Work"]


@pytest.mark.parametrize(
    ("rosh", "flag", "warned"),
    [("low", None, False), ("medium", None, True), ("low", "mental_health", True)],
)
def test_the_plan_is_warned_when_risk_of_harm_is_not_planned_for(case, officer, rosh, flag, warned):
    case.rosh_overall = rosh
    case.save()
    if flag:
        register(case, officer, flag)
    services.plan_objective_add(case=case, by=officer, description="Work", need="ete")
    warnings = selectors.assessment_page(case).plan_warnings
    assert bool(warnings) is warned
    if warned:
        assert "no objective that addresses risk of harm" in warnings[0]
        assert "risk management plan is empty" in warnings[1]


def test_a_plan_with_a_risk_objective_and_a_full_risk_management_plan_is_not_warned(case, officer):
    case.rosh_overall = "high"
    case.save()
    services.plan_objective_add(case=case, by=officer, description="x", addresses_risk_of_harm=True)
    services.plan_save(
        case=case,
        by=officer,
        version=1,
        constructive_measures="a",
        restrictive_measures="b",
        contingency_plan="c",
        agency_links="d",
    )
    assert selectors.assessment_page(case).plan_warnings == []
