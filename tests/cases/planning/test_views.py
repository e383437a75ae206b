"""The "Assessment and plan" tab and its forms: who may read and edit, what a good
submission changes, that bad input changes nothing, and that a stale save is refused
with the newer version shown."""

import pytest
from django.test import Client
from django.urls import reverse

from cases.models import (
    Assessment,
    InformationRequest,
    PlanAction,
    PlanObjective,
    SentencePlan,
)
from cases.planning import information_requests, services
from cases.risk import services as risk_services
from crc.access.models import AccessLog
from tests.cases.helpers import assert_error_page
from tests.conftest import sign_in
from tests.factories import PartnerOrganisationFactory

pytestmark = pytest.mark.django_db


def url(name, case, *args):
    return reverse(name, args=[case.crn, *args])


def signed_in(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def counts() -> dict:
    return {
        model.__name__: (model.objects.count(), model.history.count())
        for model in (Assessment, InformationRequest, SentencePlan, PlanObjective, PlanAction)
    }


# --- Who may read and edit -------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["officer", "colleague", "spo", "area_manager", "qpm"])
def test_everyone_in_scope_can_read_the_tab(request, case, persona):
    response = signed_in(request.getfixturevalue(persona)).get(url("cases:assessment", case))
    assert response.status_code == 200
    assert "Assessment and plan" in response.content.decode()


def test_someone_out_of_scope_gets_404_on_the_tab(other_officer, case):
    response = signed_in(other_officer).get(url("cases:assessment", case))
    assert response.status_code == 404


EDIT_PAGES = [
    "cases:assessment_edit",
    "cases:information_request_new",
    "cases:plan_edit",
    "cases:plan_objective_add",
]


@pytest.mark.parametrize("persona", ["officer", "spo"])
@pytest.mark.parametrize("page", EDIT_PAGES)
def test_the_officer_and_spo_can_open_the_forms(request, case, persona, page):
    response = signed_in(request.getfixturevalue(persona)).get(url(page, case))
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["colleague", "area_manager", "qpm", "other_officer"])
@pytest.mark.parametrize("page", EDIT_PAGES)
def test_others_get_404_on_the_forms_and_it_is_logged(request, case, persona, page):
    before = AccessLog.objects.filter(kind="denied").count()
    client = signed_in(request.getfixturevalue(persona))
    assert client.get(url(page, case)).status_code == 404
    assert client.post(url(page, case), {"version": "0"}).status_code == 404
    assert AccessLog.objects.filter(kind="denied").count() == before + 2


def test_readers_see_no_edit_buttons(colleague, case):
    html = signed_in(colleague).get(url("cases:assessment", case)).content.decode()
    assert url("cases:assessment_edit", case) not in html
    assert url("cases:plan_edit", case) not in html


# --- The assessment -----------------------------------------------------------------------------


def test_the_officer_starts_and_saves_the_assessment(officer, case):
    client = signed_in(officer)
    response = client.post(
        url("cases:assessment_edit", case),
        {"version": "0", "victims": "Former partner", "risk_of_harm_analysis": "Known adult"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/assessment/#assessment")
    saved = Assessment.objects.get(case=case)
    assert (saved.version, saved.victims, saved.updated_by) == (1, "Former partner", officer)
    html = client.get(url("cases:assessment", case)).content.decode()
    assert "Former partner" in html
    assert "Version 1" in html


def test_a_save_without_a_version_is_refused_and_saves_nothing(officer, case):
    before = counts()
    response = signed_in(officer).post(url("cases:assessment_edit", case), {"victims": "x"})
    assert_error_page(response, "Reload the page and try again")
    assert counts() == before


def test_a_stale_assessment_save_is_refused_and_the_newer_version_shown(officer, spo, case):
    services.assessment_save(case=case, by=officer, version=0, victims="Original")
    officer_client, spo_client = signed_in(officer), signed_in(spo)
    # Both load version 1.
    for client in (officer_client, spo_client):
        assert (
            'name="version" value="1"'
            in client.get(url("cases:assessment_edit", case)).content.decode()
        )
    # The SPO saves first.
    assert (
        spo_client.post(
            url("cases:assessment_edit", case),
            {"version": "1", "victims": "SPO: her two children as well"},
        ).status_code
        == 302
    )
    before = counts()
    # The officer's save, made against version 1, is refused.
    response = officer_client.post(
        url("cases:assessment_edit", case),
        {"version": "1", "victims": "Officer: former partner only"},
    )
    html = assert_error_page(
        response, "Someone else saved this assessment while you were editing it"
    )
    assert counts() == before
    assert Assessment.objects.get(case=case).victims == "SPO: her two children as well"
    # Their saved text is shown, the officer's own text is still in the box, and the form
    # now carries version 2 so saving again is a deliberate choice.
    assert "SPO: her two children as well" in html
    assert "Officer: former partner only</textarea>" in html
    assert 'name="version" value="2"' in html
    assert "Sam Senior" in html


def test_completing_is_refused_on_the_page_until_the_police_are_asked(officer, case):
    risk_services.registration_add(case=case, by=officer, registration_type="domestic_abuse")
    services.assessment_save(case=case, by=officer, version=0, risk_of_harm_analysis="x")
    client = signed_in(officer)
    tab = client.get(url("cases:assessment", case)).content.decode()
    assert "Domestic abuse is registered: ask the police about call-outs" in tab
    assert f"{url('cases:information_request_new', case)}?agency=police" in tab
    response = client.post(url("cases:assessment_complete", case), {"version": "1"})
    assert_error_page(response, "Ask the police about domestic abuse call-outs first")
    assert Assessment.objects.get(case=case).status == "draft"


def test_completing_with_an_open_request_lists_it(officer, case):
    risk_services.registration_add(case=case, by=officer, registration_type="domestic_abuse")
    information_requests.information_request_raise(
        case=case, by=officer, agency="police", question="?"
    )
    services.assessment_save(case=case, by=officer, version=0, risk_of_harm_analysis="x")
    client = signed_in(officer)
    page = client.get(url("cases:assessment_complete", case)).content.decode()
    assert "Still waiting for answers" in page
    response = client.post(url("cases:assessment_complete", case), {"version": "1"}, follow=True)
    assert "Assessment completed. Still waiting for: police." in response.content.decode()
    assert Assessment.objects.get(case=case).status == "complete"


# --- Information requests -----------------------------------------------------------------------


def test_the_police_prompt_prefills_the_request(officer, case):
    PartnerOrganisationFactory(name="Metropolitan Police Service", partner_type="police")
    PartnerOrganisationFactory(name="Islington CSC", partner_type="childrens_social_care")
    PartnerOrganisationFactory(name="Old Force", partner_type="police", active=False)
    html = (
        signed_in(officer)
        .get(url("cases:information_request_new", case) + "?agency=police")
        .content.decode()
    )
    assert "domestic abuse call-outs" in html
    assert 'value="police" checked' in html
    assert "Metropolitan Police Service" in html
    assert "Islington CSC" not in html
    assert "Old Force" not in html


def test_the_officer_raises_answers_and_brings_in_a_request(officer, case):
    police = PartnerOrganisationFactory(name="Metropolitan Police Service", partner_type="police")
    client = signed_in(officer)
    response = client.post(
        url("cases:information_request_new", case),
        {"agency": "police", "partner_organisation": police.pk, "question": "Any call-outs?"},
    )
    assert response.status_code == 302
    request = InformationRequest.objects.get(case=case)
    assert (request.partner_organisation, request.requested_by) == (police, officer)

    response = client.post(
        url("cases:information_request_answer", case, request.pk), {"answer": "Two call-outs"}
    )
    assert response.status_code == 302
    tab = client.get(url("cases:assessment", case)).content.decode()
    assert "Two call-outs" in tab
    assert "not in the assessment yet" in tab
    assert "Bring the answers into the assessment" in tab

    assert (
        "Two call-outs"
        in client.get(url("cases:assessment_bring_in_answers", case)).content.decode()
    )
    response = client.post(url("cases:assessment_bring_in_answers", case), {"version": "0"})
    assert response.status_code == 302
    assessment = Assessment.objects.get(case=case)
    assert "Police (Metropolitan Police Service), answered" in assessment.other_agencies
    assert (
        "not in the assessment yet"
        not in client.get(url("cases:assessment", case)).content.decode()
    )


def test_a_partner_of_the_wrong_agency_is_refused(officer, case):
    csc = PartnerOrganisationFactory(name="Islington CSC", partner_type="childrens_social_care")
    before = counts()
    response = signed_in(officer).post(
        url("cases:information_request_new", case),
        {"agency": "police", "partner_organisation": csc.pk, "question": "?"},
    )
    assert_error_page(response)
    assert counts() == before


def test_an_empty_request_shows_the_errors_and_saves_nothing(officer, case):
    before = counts()
    response = signed_in(officer).post(url("cases:information_request_new", case), {"question": ""})
    assert_error_page(response, "Choose the agency you are asking", "Say what you need to know")
    assert counts() == before


def test_withdrawing_needs_a_reason(officer, case):
    request = information_requests.information_request_raise(
        case=case, by=officer, agency="police", question="?"
    )
    client = signed_in(officer)
    assert_error_page(
        client.post(url("cases:information_request_withdraw", case, request.pk), {"reason": ""}),
        "Say why the request is withdrawn",
    )
    assert (
        client.post(
            url("cases:information_request_withdraw", case, request.pk), {"reason": "Wrong force"}
        ).status_code
        == 302
    )
    request.refresh_from_db()
    assert request.status == "withdrawn"
    # Answering a withdrawn request is refused on the form.
    assert_error_page(
        client.post(url("cases:information_request_answer", case, request.pk), {"answer": "x"}),
        "This request is already withdrawn",
    )


def test_another_cases_request_is_404(officer, case, other_team_case, other_officer):
    request = information_requests.information_request_raise(
        case=other_team_case, by=other_officer, agency="police", question="?"
    )
    response = signed_in(officer).get(url("cases:information_request_answer", case, request.pk))
    assert response.status_code == 404


# --- The sentence plan --------------------------------------------------------------------------


def test_a_stale_plan_save_is_refused_and_the_newer_version_shown(officer, spo, case):
    services.plan_save(case=case, by=officer, version=0, contingency_plan="Original")
    officer_client, spo_client = signed_in(officer), signed_in(spo)
    for client in (officer_client, spo_client):
        assert (
            'name="version" value="1"' in client.get(url("cases:plan_edit", case)).content.decode()
        )
    assert (
        spo_client.post(
            url("cases:plan_edit", case),
            {"version": "1", "contingency_plan": "SPO: police the same day"},
        ).status_code
        == 302
    )
    before = counts()
    response = officer_client.post(
        url("cases:plan_edit", case),
        {"version": "1", "contingency_plan": "Officer: increase reporting"},
    )
    html = assert_error_page(
        response, "Someone else saved this sentence plan while you were editing it"
    )
    assert counts() == before
    assert SentencePlan.objects.get(case=case).contingency_plan == "SPO: police the same day"
    assert "SPO: police the same day" in html
    assert "Officer: increase reporting</textarea>" in html
    assert 'name="version" value="2"' in html


def test_objectives_and_actions_are_added_and_done(officer, case):
    client = signed_in(officer)
    # No objective yet: "add an action" sends the officer to add one first.
    response = client.get(url("cases:plan_action_add", case))
    assert response["Location"] == url("cases:plan_objective_add", case)
    assert (
        client.post(
            url("cases:plan_objective_add", case),
            {"description": "Keep her safe", "addresses_risk_of_harm": "on"},
        ).status_code
        == 302
    )
    objective = PlanObjective.objects.get()
    response = client.post(
        url("cases:plan_action_add", case),
        {
            "objective": objective.pk,
            "description": "Attend BBR",
            "owner": "The person",
            "due_on_day": "1",
            "due_on_month": "2",
            "due_on_year": "2030",
        },
    )
    assert response.status_code == 302
    action = PlanAction.objects.get()
    assert str(action.due_on) == "2030-02-01"
    assert client.post(url("cases:plan_action_done", case, action.pk)).status_code == 302
    action.refresh_from_db()
    assert action.done_on is not None
    html = client.get(url("cases:assessment", case)).content.decode()
    assert "Keep her safe" in html
    assert "Risk of harm" in html
    assert "Mark as done" not in html


def test_a_bad_action_shows_errors_and_saves_nothing(officer, case):
    services.plan_objective_add(case=case, by=officer, description="x", need="ete")
    before = counts()
    response = signed_in(officer).post(
        url("cases:plan_action_add", case),
        {
            "objective": "999999",
            "description": "",
            "owner": "",
            "due_on_day": "31",
            "due_on_month": "2",
            "due_on_year": "2030",
        },
    )
    assert_error_page(
        response,
        "Choose the objective",
        "Describe the action",
        "Say who does it",
        "Enter a real date",
    )
    assert counts() == before


def test_an_objective_without_need_or_risk_is_refused(officer, case):
    before = counts()
    response = signed_in(officer).post(
        url("cases:plan_objective_add", case), {"description": "Do better"}
    )
    assert_error_page(response, "Say which need the objective addresses")
    assert counts() == before


def test_the_plan_warns_when_risk_of_harm_is_not_planned_for(officer, case):
    case.rosh_overall = "medium"
    case.save()
    services.plan_objective_add(case=case, by=officer, description="Work", need="ete")
    html = signed_in(officer).get(url("cases:assessment", case)).content.decode()
    assert "The plan has no objective that addresses risk of harm." in html
    assert "The risk management plan is empty." in html


def test_another_cases_action_cannot_be_marked_done(officer, case, other_team_case, other_officer):
    objective = services.plan_objective_add(
        case=other_team_case, by=other_officer, description="x", need="ete"
    )
    action = services.plan_action_add(
        objective=objective, by=other_officer, description="y", owner="z"
    )
    response = signed_in(officer).post(url("cases:plan_action_done", case, action.pk))
    assert response.status_code == 404
    action.refresh_from_db()
    assert action.done_on is None


# --- Queries --------------------------------------------------------------------------------------


def _fill(case, officer, n):
    police = PartnerOrganisationFactory(partner_type="police")
    for i in range(n):
        request = information_requests.information_request_raise(
            case=case, by=officer, agency="police", question=f"Q{i}", partner_organisation=police
        )
        if i % 2:
            information_requests.information_request_answer(
                request=request, answer=f"A{i}", by=officer
            )
        objective = services.plan_objective_add(
            case=case,
            by=officer,
            description=f"O{i}",
            need="ete",
            addresses_risk_of_harm=i % 2 == 0,
        )
        action = services.plan_action_add(
            objective=objective, by=officer, description="a", owner="b"
        )
        if i % 2:
            services.plan_action_complete(action=action, by=officer)


def test_the_tab_query_count_does_not_grow_with_requests_and_objectives(
    officer, case, other_team_case, other_officer, django_assert_max_num_queries
):
    risk_services.registration_add(case=case, by=officer, registration_type="domestic_abuse")
    risk_services.registration_add(
        case=other_team_case, by=other_officer, registration_type="domestic_abuse"
    )
    services.assessment_save(case=case, by=officer, version=0, victims="x")
    services.assessment_save(case=other_team_case, by=other_officer, version=0, victims="x")
    _fill(case, officer, 1)
    _fill(other_team_case, other_officer, 10)
    one, ten = signed_in(officer), signed_in(other_officer)
    with django_assert_max_num_queries(25) as small:
        assert one.get(url("cases:assessment", case)).status_code == 200
    with django_assert_max_num_queries(25) as large:
        response = ten.get(url("cases:assessment", other_team_case))
    assert response.status_code == 200
    assert response.content.decode().count("govuk-summary-card__title-wrapper") == 20
    assert len(small.captured_queries) == len(large.captured_queries)
