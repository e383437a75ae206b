import pytest
from django.core.management import call_command
from django.db.models import Count

from cases import rules
from cases.models import Case, CaseAccessEntry, ContactLevelDecision
from crc.organisation.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", "--force")


def test_every_officer_holds_40_to_70_cases(seeded):
    loads = Case.objects.values("responsible_officer").annotate(n=Count("id"))
    assert loads
    # A PSO's tier B case moves to a PO in the team, so a PO may hold a few more.
    assert all(35 <= row["n"] <= 90 for row in loads)


def test_cases_are_realistic_and_lawful(seeded):
    cases = Case.objects.select_related("responsible_officer")
    women = cases.filter(sex="female").count() / cases.count()
    assert 0.05 < women < 0.2
    assert {c.tier[0] for c in cases} <= {"B", "C", "D"}
    assert not cases.filter(
        responsible_officer__role=Role.PROBATION_SERVICES_OFFICER, tier__startswith="B"
    ).exists()
    assert all(rules.crn_is_valid(crn) for crn in cases.values_list("crn", flat=True))
    assert ContactLevelDecision.objects.filter(status="active").count() == cases.count()
    assert CaseAccessEntry.objects.exists()


def test_a_second_run_adds_no_cases(seeded):
    before = Case.objects.count()
    call_command("seed_demo", "--force")
    assert Case.objects.count() == before
