"""The risk tab explains the tier from the rules, and says why points do not apply."""

import pytest
from django.urls import reverse

from cases.risk import rules
from cases.risk import services as risk_services
from tests.conftest import sign_in
from tests.factories import OrderFactory, RequirementFactory

pytestmark = pytest.mark.django_db


def risk_page(client, officer, case) -> str:
    risk_services.tier_recalculate(case=case, by=officer)
    sign_in(client, officer)
    response = client.get(reverse("cases:risk", args=[case.crn]))
    assert response.status_code == 200
    return response.content.decode()


def test_unpaid_work_only_says_why_change_is_0_without_points(client, officer, case):
    RequirementFactory(order=OrderFactory(case=case), requirement_type="unpaid_work", length=100)
    page = risk_page(client, officer, case)
    assert "Change 0: the points do not apply." in page
    assert "No requirement that can change behaviour" in page
    assert rules.change_band_legend() not in page


def test_a_case_with_no_assessment_says_why_change_is_2(client, officer, supervised_case):
    page = risk_page(client, officer, supervised_case)
    assert "Change 2: the points do not apply." in page
    assert "No assessment yet: change 2" in page
    assert "points (3 for 20" not in page


def test_the_band_legend_comes_from_the_rules(client, officer, supervised_case, monkeypatch):
    monkeypatch.setattr(rules, "PROTECT_BANDS", (("A", 160), ("B", 25), ("C", 10), ("D", 0)))
    page = risk_page(client, officer, supervised_case)
    assert "A 160 or more, B 25 to 159, C 10 to 24, D under 10" in page


@pytest.mark.parametrize(
    ("points", "band"), [(0, "D"), (9, "D"), (10, "C"), (19, "C"), (20, "B"), (150, "A")]
)
def test_protect_bands_follow_the_table(points, band):
    assert rules.protect_band(points) == band
