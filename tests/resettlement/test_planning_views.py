"""Screening and planning through the pages: the worker screens every pathway and the
risk of harm, builds a plan, and cannot complete it without its risk-of-harm section."""

import pytest
from django.urls import reverse

from resettlement.models import Pathway, PlanStatus
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def url(name, episode, *args):
    return reverse(f"resettlement:{name}", args=[episode.case.crn, *args])


def test_the_worker_screens_each_pathway_and_the_risk_of_harm_then_completes(
    client, episode, worker
):
    sign_in(client, worker)
    for pathway in Pathway.values:
        row = episode.screening.pathways.get(pathway=pathway)
        response = client.post(
            url("screening_pathway", episode, pathway),
            {"status": "support_required", "own_view": "Wants help", "version": row.version},
        )
        assert response.status_code == 302, pathway
    episode.screening.refresh_from_db()
    response = client.post(
        url("screening_risk", episode),
        {
            "risk_to_whom": "Former partner",
            "risk_plan": "Exclusion zone on licence",
            "version": episode.screening.version,
        },
    )
    assert response.status_code == 302
    episode.screening.refresh_from_db()
    client.post(url("screening_complete", episode), {"version": episode.screening.version})
    episode.screening.refresh_from_db()
    assert episode.screening.completed_at is not None


def test_the_risk_of_harm_form_refuses_blank_answers(client, episode, worker):
    sign_in(client, worker)
    response = client.post(
        url("screening_risk", episode),
        {"risk_to_whom": "", "risk_plan": "", "version": episode.screening.version},
    )
    assert response.status_code == 200
    assert "Say who may be at risk on release" in response.content.decode()


def test_a_plan_cannot_be_completed_through_the_page_without_its_risk_of_harm(
    client, episode, worker
):
    sign_in(client, worker)
    client.post(
        url("plan_action_new", episode),
        {"pathway": "accommodation", "description": "Refer to housing", "owner": "provider"},
    )
    assert episode.plan.actions.count() == 1
    client.post(url("plan_complete", episode), {"version": episode.plan.version})
    episode.plan.refresh_from_db()
    assert episode.plan.status == PlanStatus.DRAFT


def test_a_stale_screening_save_is_refused_not_overwritten(client, episode, worker):
    sign_in(client, worker)
    response = client.post(
        url("screening_pathway", episode, "health"),
        {"status": "support_required", "version": 99},
    )
    assert response.status_code == 200
    assert episode.screening.pathways.get(pathway="health").status == "not_started"


def test_an_officer_outside_the_case_may_not_screen(client, episode, other_officer):
    sign_in(client, other_officer)
    assert client.get(url("screening_risk", episode)).status_code == 404
