"""The demo seeder: reviews due, overdue and complete, and a second run adds nothing."""

import pytest

from cases.models import Review
from cases.reviews.demo import seed_reviews
from tests.demo import quiet_demo_context
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_the_seeder_makes_reviews_once(team_a, officer, spo):
    for _ in range(40):
        CaseFactory(team=team_a, responsible_officer=officer)
    ctx = quiet_demo_context(1)
    seed_reviews(ctx)
    statuses = set(Review.objects.values_list("status", flat=True))
    assert statuses == {"due", "complete"}
    assert Review.objects.filter(status="due").count() == 40
    count = Review.objects.count()
    seed_reviews(ctx)
    assert Review.objects.count() == count
    # Each case's next periodic review is 16 weeks after its completed one.
    for done in Review.objects.filter(status="complete"):
        due = Review.objects.get(case=done.case, status="due").due_on
        assert (due - done.completed_at.date()).days >= 16 * 7
