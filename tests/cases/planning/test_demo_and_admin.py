"""The planning demo seeder's shape, and the admin's scoping of planning records."""

import pytest
from django.urls import reverse

from cases.models import (
    AccessListKind,
    Assessment,
    Case,
    InformationRequest,
    PlanAction,
    SentencePlan,
)
from cases.planning import services
from crc.access.models import AccessLog
from tests.cases.helpers import give_admin_reason
from tests.conftest import sign_in
from tests.demo import run_seeders
from tests.factories import CaseAccessEntryFactory

pytestmark = pytest.mark.django_db


def test_the_demo_assesses_and_plans_most_cases_and_asks_other_agencies():
    run_seeders({"organisation", "cases", "planning"})
    cases = Case.objects.count()
    assert 0.6 < Assessment.objects.count() / cases < 0.8
    assert 0.5 < SentencePlan.objects.count() / cases < 0.7
    assert Assessment.objects.filter(status="draft").exists()
    assert Assessment.objects.filter(status="complete").count() > cases / 3
    statuses = set(InformationRequest.objects.values_list("status", flat=True))
    assert {"answered", "sent", "chased", "escalated"} <= statuses
    # Requests only where a flag calls for them.
    assert not InformationRequest.objects.exclude(
        case__registrations__registration_type__in=[
            "domestic_abuse",
            "child_concerns",
            "child_protection",
            "risk_to_children",
        ]
    ).exists()
    assert PlanAction.objects.filter(done_on__isnull=False).exists()
    # Idempotent: a second run adds nothing to cases that already have them.
    # A second run leaves cases that have an assessment or a plan alone.
    before = set(Assessment.objects.values_list("case_id", "version"))
    run_seeders({"planning"})
    assert before <= set(Assessment.objects.values_list("case_id", "version"))


def test_the_admin_lists_only_visible_assessments_and_logs_views(
    client, case, officer, other_team_case, other_officer, administrator
):
    services.assessment_save(case=case, by=officer, version=0, victims="open")
    services.assessment_save(case=other_team_case, by=other_officer, version=0, victims="hidden")
    # A restriction list binds administrators too.
    CaseAccessEntryFactory(
        case=other_team_case, staff=other_officer, kind=AccessListKind.RESTRICTION, reason="x"
    )
    sign_in(client, administrator)
    give_admin_reason(client, case)
    html = client.get(reverse("admin:cases_assessment_changelist")).content.decode()
    assert case.crn in html
    assert other_team_case.crn not in html
    hidden = Assessment.objects.get(case=other_team_case)
    assert client.get(reverse("admin:cases_assessment_change", args=[hidden.pk])).status_code == 404
    shown = Assessment.objects.get(case=case)
    before = AccessLog.objects.filter(case_crn=case.crn).count()
    assert client.get(reverse("admin:cases_assessment_change", args=[shown.pk])).status_code == 200
    assert AccessLog.objects.filter(case_crn=case.crn).count() == before + 1


def test_the_admin_cannot_add_or_change_planning_records(client, case, officer, administrator):
    services.assessment_save(case=case, by=officer, version=0, victims="x")
    sign_in(client, administrator)
    give_admin_reason(client, case)
    for name in ("assessment", "informationrequest", "sentenceplan"):
        assert client.get(reverse(f"admin:cases_{name}_add")).status_code == 403
    assessment = Assessment.objects.get()
    response = client.post(
        reverse("admin:cases_assessment_change", args=[assessment.pk]), {"victims": "changed"}
    )
    assert response.status_code == 403
    assert Assessment.objects.get().victims == "x"
