"""The pure rules for audits and workload: sample size, allocation, bands, ratings."""

import datetime as dt

import pytest

from crc.dashboards import rules
from crc.dashboards.rules import Band

RI = Band.REQUIRES_IMPROVEMENT


# --- Sample size ------------------------------------------------------------------------


def test_an_infinite_population_needs_165_cases_for_80_percent_confidence_and_5_margin():
    assert rules.sample_size(None) == 165


@pytest.mark.parametrize(
    ("population", "expected"),
    [
        (0, 0),
        (1, 1),
        (2, 2),
        (10, 10),  # n0/(1+(n0-1)/10) = 9.48: round up
        (50, 39),
        (100, 63),
        (500, 124),
        (1000, 142),
        (1487, 148),  # the report's 148 cases fit an eligible population of about 1,500
        (28819, 164),  # the whole London caseload: the correction still trims one
        (10**9, 165),
    ],
)
def test_the_finite_population_correction_gives_smaller_samples_for_small_populations(
    population, expected
):
    assert rules.sample_size(population) == expected


def test_a_sample_is_never_larger_than_the_population():
    assert all(rules.sample_size(n) <= n for n in range(0, 400))


def test_a_negative_population_is_refused():
    with pytest.raises(ValueError):
        rules.sample_size(-1)


# --- Stratified allocation --------------------------------------------------------------


@pytest.mark.parametrize(
    ("strata", "size", "expected"),
    [
        ({"a": 50, "b": 50}, 10, {"a": 5, "b": 5}),
        ({"a": 60, "b": 30, "c": 10}, 10, {"a": 6, "b": 3, "c": 1}),
        # 7 * (5, 3, 2)/10 = 3.5, 2.1, 1.4: floors 3, 2, 1 and the one left goes to a (.5)
        ({"a": 5, "b": 3, "c": 2}, 7, {"a": 4, "b": 2, "c": 1}),
        # equal remainders: the larger stratum first
        ({"a": 1, "b": 3}, 2, {"a": 0, "b": 2}),
        ({"a": 3, "b": 3}, 3, {"a": 2, "b": 1}),  # a full tie: by key
        ({"a": 4, "b": 0}, 2, {"a": 2, "b": 0}),
        ({"a": 4, "b": 6}, 0, {"a": 0, "b": 0}),
        ({"a": 4, "b": 6}, 10, {"a": 4, "b": 6}),
    ],
)
def test_strata_get_their_share_of_the_sample_by_largest_remainder(strata, size, expected):
    allocation = rules.stratified_allocation(strata, size)
    assert allocation == expected
    assert sum(allocation.values()) == size


def test_allocation_adds_up_and_never_asks_a_stratum_for_more_than_it_holds():
    strata = {
        ("male", "co", "low"): 311,
        ("female", "co", "low"): 37,
        ("male", "licence", "medium"): 152,
        ("female", "sso", "medium"): 9,
        ("male", "pss", "low"): 1,
    }
    size = rules.sample_size(sum(strata.values()))
    allocation = rules.stratified_allocation(strata, size)
    assert sum(allocation.values()) == size
    assert all(allocation[key] <= strata[key] for key in strata)


def test_a_sample_larger_than_its_population_is_refused():
    with pytest.raises(ValueError):
        rules.stratified_allocation({"a": 2}, 3)


# --- Bands --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("percent", "band"),
    [
        (100, Band.OUTSTANDING),
        (80, Band.OUTSTANDING),
        (79, Band.GOOD),
        (65, Band.GOOD),
        (64, RI),
        (50, RI),
        (49, Band.INADEQUATE),
        (0, Band.INADEQUATE),
        (None, None),
    ],
)
def test_every_band_edge(percent, band):
    assert rules.band_for(percent) == band


@pytest.mark.parametrize(
    ("yes", "total", "percent"),
    [
        (0, 0, None),
        (1, 3, 33),
        (2, 3, 67),
        (159, 200, 80),
        (158, 200, 79),
        (99, 200, 50),
        (129, 200, 65),
        (1, 8, 13),
    ],
)
def test_the_share_is_the_whole_percentage_the_report_would_print(yes, total, percent):
    # 159/200 = 79.5% prints as 80% and is banded as printed; 1/8 = 12.5% prints as 13%.
    assert rules.whole_percent(yes, total) == percent


def test_a_percentage_outside_0_to_100_is_refused():
    with pytest.raises(ValueError):
        rules.band_for(101)


def test_a_standard_takes_the_lowest_band_among_its_questions():
    assert rules.lowest_band([Band.GOOD, Band.GOOD, Band.GOOD, Band.INADEQUATE]) == Band.INADEQUATE
    assert rules.lowest_band([Band.OUTSTANDING, Band.GOOD]) == Band.GOOD
    assert rules.lowest_band([None, Band.OUTSTANDING]) == Band.OUTSTANDING
    assert rules.lowest_band([None, None]) is None


def test_risk_of_harm_questions_count_only_the_cases_they_apply_to():
    answers = ["yes", "yes", "no", "na", "na", "na"]
    result = rules.question_result("2.1.3", answers)
    assert (result.yes, result.applicable, result.percent, result.band) == (2, 3, 67, Band.GOOD)


def test_a_question_with_no_applicable_case_has_no_band():
    result = rules.question_result("2.2.3", ["na", "na"])
    assert result.percent is None and result.band is None


@pytest.mark.parametrize("code", ["2.1.3", "2.2.3", "2.3.3", "2.4.3"])
def test_the_keeping_other_people_safe_questions_are_the_risk_of_harm_ones(code):
    assert rules.is_risk_of_harm_question(code)


@pytest.mark.parametrize("code", ["2.1.1", "2.4.2", "4.1.3", "4.2.3"])
def test_other_questions_are_not_risk_of_harm_ones(code):
    assert not rules.is_risk_of_harm_question(code)


def test_an_override_is_shown_beside_the_computed_rating_with_its_reason():
    results = [rules.question_result("2.4.3", ["no", "no", "yes"])]
    rating = rules.standard_rating("2.4", results, override=RI, override_reason="Wider evidence")
    assert rating.computed == Band.INADEQUATE
    assert rating.shown == RI
    assert rating.override_reason == "Wider evidence"


def test_an_override_without_a_reason_is_refused():
    with pytest.raises(ValueError):
        rules.standard_rating("2.4", [], override=RI, override_reason="  ")


# --- Eligibility and drawing ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "window"),
    [
        (dt.date(2026, 9, 15), (dt.date(2026, 2, 15), dt.date(2026, 3, 15))),
        (dt.date(2026, 8, 31), (dt.date(2026, 1, 31), dt.date(2026, 2, 28))),
        (dt.date(2026, 3, 31), (dt.date(2025, 8, 31), dt.date(2025, 9, 30))),
    ],
)
def test_cases_are_eligible_six_to_seven_months_into_supervision(today, window):
    assert rules.eligibility_window(today) == window


def test_a_draw_takes_each_strata_allocation_and_is_repeatable_from_its_seed():
    population = {"a": list(range(0, 50)), "b": list(range(100, 110))}
    allocation = {"a": 5, "b": 2}
    drawn = rules.draw_stratified(population, allocation, seed=42)
    assert len([i for i in drawn if i < 100]) == 5 and len([i for i in drawn if i >= 100]) == 2
    assert drawn == rules.draw_stratified(population, allocation, seed=42)
