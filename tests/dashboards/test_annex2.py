"""The London CRC report's own Annex 2 percentages give back the bands it published.

The report prints percentages, not counts, so each one is turned into 100 answers with
that many "yes": the share is then exactly the printed percentage. The ratings for
planning, implementation and reviewing were published as "Requires improvement" after
professional discretion (footnotes 19, 21, 22): their computed rating is "Inadequate"
and the published one is reproduced only with an override, which is what the product
records. Three figures lost a digit in the text extraction (4.1.3 "7%", 4.2.2 "1%",
4.2.3 "8%"); they are tested over every two-digit reading the published rating allows.
"""

import itertools

import pytest

from crc.dashboards import rules
from crc.dashboards.rules import Band

RI = Band.REQUIRES_IMPROVEMENT

# standard: (published rating, discretion applied, {question: printed % yes})
ANNEX_2 = {
    "2.1": (RI, False, {"2.1.1": 62, "2.1.2": 64, "2.1.3": 58}),
    "2.2": (RI, True, {"2.2.1": 53, "2.2.2": 67, "2.2.3": 48}),
    "2.3": (RI, True, {"2.3.1": 71, "2.3.2": 52, "2.3.3": 48}),
    "2.4": (RI, True, {"2.4.1": 65, "2.4.2": 61, "2.4.3": 49}),
}
QUESTION_BANDS = {
    "2.1.1": RI,
    "2.1.2": RI,
    "2.1.3": RI,
    "2.2.1": RI,
    "2.2.2": Band.GOOD,
    "2.2.3": Band.INADEQUATE,
    "2.3.1": Band.GOOD,
    "2.3.2": RI,
    "2.3.3": Band.INADEQUATE,
    "2.4.1": Band.GOOD,
    "2.4.2": RI,
    "2.4.3": Band.INADEQUATE,
}


def _result(code: str, percent: int) -> rules.QuestionResult:
    return rules.question_result(code, ["yes"] * percent + ["no"] * (100 - percent))


@pytest.mark.parametrize("code", sorted(QUESTION_BANDS))
def test_each_key_question_percentage_gives_its_band(code):
    standard = code.rsplit(".", 1)[0]
    percent = ANNEX_2[standard][2][code]
    assert _result(code, percent).band == QUESTION_BANDS[code]


@pytest.mark.parametrize("standard", sorted(ANNEX_2))
def test_each_case_supervision_standard_reproduces_its_published_rating(standard):
    published, discretion, percents = ANNEX_2[standard]
    results = [_result(code, p) for code, p in percents.items()]
    computed = rules.standard_rating(standard, results)
    if discretion:
        assert computed.computed == Band.INADEQUATE
        lifted = rules.standard_rating(
            standard, results, override=published, override_reason="Wider evidence (footnote)"
        )
        assert lifted.shown == published
        assert lifted.computed == Band.INADEQUATE
    else:
        assert computed.shown == published


def test_the_risk_of_harm_sub_sample_percentages_are_over_applicable_cases_only():
    # 2.2.3 printed 48% of the cases where RoSH issues apply: with 52 such cases of 148,
    # 25 yes is 48%, while over all 148 it would have been 17%.
    answers = ["yes"] * 25 + ["no"] * 27 + ["na"] * 96
    assert rules.question_result("2.2.3", answers).percent == 48


@pytest.mark.parametrize("reading", range(70, 80))
def test_unpaid_work_is_good_for_every_reading_of_the_damaged_figure(reading):
    results = [
        _result("4.1.1", 74),
        _result("4.1.2", 77),
        _result("4.1.3", reading),
        _result("4.1.4", 73),
    ]
    assert rules.standard_rating("4.1", results).shown == Band.GOOD


@pytest.mark.parametrize(
    ("second", "third"), list(itertools.product([71, 81, 91], [68, 78, 88, 98]))
)
def test_through_the_gate_is_good_for_every_reading_the_published_rating_allows(second, third):
    results = [_result("4.2.1", 66), _result("4.2.2", second), _result("4.2.3", third)]
    assert rules.standard_rating("4.2", results).shown == Band.GOOD


def test_a_damaged_figure_read_literally_would_contradict_the_published_rating():
    # "7%" read as printed would make unpaid work inadequate: the figure lost a digit.
    results = [_result("4.1.1", 74), _result("4.1.3", 7)]
    assert rules.standard_rating("4.1", results).shown == Band.INADEQUATE
