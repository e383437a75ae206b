import pytest
from django.core.management import call_command
from django.db.models import Count

from cases.models import Case, CaseAccessEntry, ContactLevelDecision
from cases.record import rules as record_rules
from crc.organisation.models import Role, Staff, Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", "--force")


def test_every_officer_is_dealt_40_to_70_cases_and_a_pso_passes_tier_b_to_a_po(seeded):
    # The seeder deals each officer 40-70 cases; a PSO's case that comes out tier B goes
    # to the first PO of the same team (by username) instead.
    held = dict(Case.objects.values_list("responsible_officer").annotate(n=Count("id")).order_by())
    officers = Staff.objects.filter(
        role__in=[Role.PROBATION_OFFICER, Role.PROBATION_SERVICES_OFFICER]
    ).order_by("username")
    assert set(held) == {officer.pk for officer in officers}
    for team in Team.objects.all():
        members = [officer for officer in officers if officer.team_id == team.pk]
        pos = [o for o in members if o.role == Role.PROBATION_OFFICER]
        psos = [o for o in members if o.role == Role.PROBATION_SERVICES_OFFICER]
        assert (len(pos), len(psos)) == (2, 1)
        assert 40 * len(members) <= sum(held[o.pk] for o in members) <= 70 * len(members)
        for other_po in pos[1:]:
            assert 40 <= held[other_po.pk] <= 70
        pso_held = held[psos[0].pk]
        assert pso_held <= 70
        passed_on_at_most = 70 - pso_held
        passed_on_at_least = max(0, 40 - pso_held)
        assert 40 + passed_on_at_least <= held[pos[0].pk] <= 70 + passed_on_at_most


def test_cases_are_realistic_and_lawful(seeded):
    cases = Case.objects.select_related("responsible_officer")
    women = cases.filter(sex="female").count() / cases.count()
    assert 0.05 < women < 0.2
    assert {c.tier[0] for c in cases} <= {"B", "C", "D"}
    assert not cases.filter(
        responsible_officer__role=Role.PROBATION_SERVICES_OFFICER, tier__startswith="B"
    ).exists()
    assert all(record_rules.crn_is_valid(crn) for crn in cases.values_list("crn", flat=True))
    assert ContactLevelDecision.objects.filter(status="active").count() == cases.count()
    assert CaseAccessEntry.objects.exists()


def test_a_second_run_adds_no_cases(seeded):
    before = Case.objects.count()
    call_command("seed_demo", "--force")
    assert Case.objects.count() == before
