"""The demo seeder: about 38% of the caseload in custody, across the prisons, in every
state, and a second run adds nothing."""

import pytest

from resettlement import selectors
from resettlement.demo_seed import seed_resettlement
from resettlement.models import (
    CustodyEpisode,
    EpisodeStatus,
    PathwayScreening,
    PlanStatus,
    PreReleaseContact,
    Prison,
)
from tests.demo import quiet_demo_context
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_the_seeder_puts_about_38_percent_in_custody_in_every_state_once(
    team_a, officer, worker, provider
):
    CaseFactory.create_batch(400, team=team_a, responsible_officer=officer)
    ctx = quiet_demo_context(3)
    seed_resettlement(ctx)
    episodes = CustodyEpisode.objects.all()
    assert 0.32 < episodes.count() / 400 < 0.44
    assert set(episodes.values_list("status", flat=True)) == set(EpisodeStatus.values)
    assert episodes.values("prison").distinct().count() > len(Prison.objects.all()) // 2
    assert set(PathwayScreening.objects.values_list("status", flat=True)) >= {
        "not_started",
        "support_required",
        "support_not_required",
        "support_declined",
        "done",
    }
    assert set(episodes.values_list("plan__status", flat=True)) == set(PlanStatus.values)
    assert PreReleaseContact.objects.exists()
    measures = [
        selectors.plans_with_risk_of_harm_addressed(episodes),
        selectors.pre_release_contact_rate(episodes),
        selectors.accommodation_on_release(episodes),
        selectors.first_appointment_kept(episodes),
    ]
    assert all(0 < m.met < m.of for m in measures)
    count = episodes.count()
    seed_resettlement(ctx)
    assert CustodyEpisode.objects.count() == count
