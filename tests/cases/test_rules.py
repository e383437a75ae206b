"""Table-driven tests of the pure case rules: no database."""

import datetime as dt

import pytest

from cases.record import rules as record_rules
from cases.risk import rules
from cases.risk.rules import Rosh, Severity, TierInputs, calculate_tier

# (description, inputs, expected protect band, expected protect points)
PROTECT_CASES = [
    ("nothing known", TierInputs(), "D", 0),
    ("RoSH low", TierInputs(rosh=Rosh.LOW), "D", 0),
    ("RoSH medium is 10: C", TierInputs(rosh=Rosh.MEDIUM), "C", 10),
    ("RoSH high is 20: B", TierInputs(rosh=Rosh.HIGH), "B", 20),
    ("RoSH very high is 150: A", TierInputs(rosh=Rosh.VERY_HIGH), "A", 150),
    ("RSR 2.99 adds nothing", TierInputs(rsr=2.99), "D", 0),
    ("RSR 3 is 10: C", TierInputs(rsr=3.0), "C", 10),
    ("RSR 6.99 is 10: C", TierInputs(rsr=6.99), "C", 10),
    ("RSR 7 is 20: B", TierInputs(rsr=7.0), "B", 20),
    ("only the higher of RoSH and RSR counts", TierInputs(rosh=Rosh.MEDIUM, rsr=7.5), "B", 20),
    ("RoSH high beats RSR 10 points", TierInputs(rosh=Rosh.HIGH, rsr=4), "B", 20),
    ("MAPPA level 1 is 5", TierInputs(mappa_level=1), "D", 5),
    ("MAPPA level 2 is 150: A", TierInputs(mappa_level=2), "A", 150),
    ("MAPPA level 3 is 150: A", TierInputs(mappa_level=3), "A", 150),
    (
        "four complexity registrations make 8: D",
        TierInputs(
            registrations=frozenset({"mental_health", "vulnerability", "terrorism", "street_gangs"})
        ),
        "D",
        8,
    ),
    (
        "five complexity registrations make 10: C (band edge)",
        TierInputs(
            registrations=frozenset(
                {"mental_health", "vulnerability", "terrorism", "street_gangs", "adult_at_risk"}
            )
        ),
        "C",
        10,
    ),
    (
        "domestic abuse and weapons add no protect points",
        TierInputs(registrations=frozenset({"domestic_abuse", "weapons"})),
        "D",
        0,
    ),
    (
        "women's factors count for women: 9 -> with RoSH medium 10 + 6 = 16 C",
        TierInputs(
            rosh=Rosh.MEDIUM,
            is_female=True,
            women_factors=frozenset(
                {
                    "parenting_responsibilities",
                    "poor_self_control",
                    "breach_or_recall_last_12_months",
                }
            ),
        ),
        "C",
        16,
    ),
    (
        "women's factors do not count for men",
        TierInputs(is_female=False, women_factors=frozenset({"parenting_responsibilities"})),
        "D",
        0,
    ),
    (
        "19 points is C",
        TierInputs(
            rosh=Rosh.MEDIUM,
            mappa_level=1,
            registrations=frozenset({"mental_health", "vulnerability"}),
        ),
        "C",
        19,
    ),
    (
        "one more complexity flag makes 21: B",
        TierInputs(
            rosh=Rosh.MEDIUM,
            mappa_level=1,
            registrations=frozenset({"mental_health", "vulnerability", "terrorism"}),
        ),
        "B",
        21,
    ),
    (
        "149 points stays B",
        TierInputs(
            rosh=Rosh.HIGH,
            mappa_level=1,
            registrations=frozenset(rules.COMPLEXITY_REGISTRATIONS),
            is_female=True,
            women_factors=frozenset(rules.WOMEN_FACTORS),
        ),
        "B",
        20 + 5 + 20 + 6,
    ),
]


@pytest.mark.parametrize(
    ("description", "inputs", "band", "points"), PROTECT_CASES, ids=[c[0] for c in PROTECT_CASES]
)
def test_protect_axis(description, inputs, band, points):
    tier = calculate_tier(inputs)
    assert (tier.protect, tier.protect_points) == (band, points)


@pytest.mark.parametrize(
    ("points", "band"),
    [(0, "D"), (9, "D"), (10, "C"), (19, "C"), (20, "B"), (149, "B"), (150, "A"), (400, "A")],
)
def test_protect_band_edges(points, band):
    assert rules.protect_band(points) == band


@pytest.mark.parametrize(("points", "band"), [(0, 1), (9, 1), (10, 2), (19, 2), (20, 3), (35, 3)])
def test_change_band_edges(points, band):
    assert rules.change_band(points) == band


CHANGE_CASES = [
    ("no needs, no OGRS: 1", TierInputs(), 1, 0),
    ("OGRS 99 is 9 points: 1", TierInputs(ogrs=99), 1, 9),
    ("OGRS 100/10 rounding down: 49 -> 4", TierInputs(ogrs=49), 1, 4),
    (
        "thinking and attitudes severe weigh 2 each: 8 + OGRS 20 = 10: 2",
        TierInputs(
            needs={"thinking_behaviour": Severity.SEVERE, "attitudes": Severity.SEVERE}, ogrs=20
        ),
        2,
        10,
    ),
    (
        "finance and emotional wellbeing weigh 0",
        TierInputs(needs={"finance": Severity.SEVERE, "emotional_wellbeing": Severity.SEVERE}),
        1,
        0,
    ),
    (
        "all needs severe + OGRS 60 + IOM = 2*(2*2) + 6*2 + 6 + 2 = 28: 3",
        TierInputs(
            needs={need: Severity.SEVERE for need in rules.NEED_WEIGHTS},
            ogrs=60,
            iom_nominal=True,
        ),
        3,
        28,
    ),
    (
        "exactly 20 is 3",
        TierInputs(
            needs={
                "thinking_behaviour": Severity.SEVERE,
                "attitudes": Severity.SEVERE,
                "accommodation": Severity.STANDARD,
            },
            ogrs=99,
            iom_nominal=True,
        ),
        3,
        8 + 1 + 9 + 2,
    ),
    ("no assessment yet: 2", TierInputs(ogrs=99, has_assessment=False), 2, 9),
    (
        "unpaid work only: 0 whatever the needs",
        TierInputs(
            needs={"attitudes": Severity.SEVERE}, ogrs=95, has_behaviour_change_requirement=False
        ),
        0,
        4 + 9,
    ),
]


@pytest.mark.parametrize(
    ("description", "inputs", "change", "points"), CHANGE_CASES, ids=[c[0] for c in CHANGE_CASES]
)
def test_change_axis(description, inputs, change, points):
    tier = calculate_tier(inputs)
    assert (tier.change, tier.change_points) == (change, points)


def test_it_explains_which_inputs_gave_which_points():
    tier = calculate_tier(
        TierInputs(rosh=Rosh.MEDIUM, rsr=7.2, registrations=frozenset({"mental_health"}), ogrs=55)
    )
    assert tier.code == "B1"
    lines = {(p.source, p.points, p.counted) for p in tier.working}
    assert ("RoSH medium", 10, False) in lines
    assert ("RSR 7.2%", 20, True) in lines
    assert ("Registration: Mental health", 2, True) in lines
    assert ("OGRS 55 ÷ 10", 5, True) in lines


GRID_ROWS = [
    ("A3", "A*", (2, 7), (1, 7)),
    ("A0", "A*", (2, 7), (1, 7)),
    ("B3", "B3", (1, 7), (1, 7)),
    ("B2", "B2", (1, 7), (1, 7)),
    ("B1", "B1", (1, 7), (1, 14)),
    ("B0", "B0", (1, 7), (1, 14)),
    ("C3", "C3", (1, 7), (1, 14)),
    ("C2", "C2", (1, 7), (1, 14)),
    ("C1", "C1", (1, 7), (1, 28)),
    ("C0", "C0", (1, 7), (1, 28)),
    ("D3", "D3", (1, 7), (1, 28)),
    ("D2", "D2", (1, 7), (1, 28)),
    ("D1", "D1", (1, 14), (1, 42)),
    ("D0", "D0", (1, 14), (1, 42)),
]


@pytest.mark.parametrize(("tier", "key", "induction", "main"), GRID_ROWS)
def test_default_grid_row(tier, key, induction, main):
    assert rules.grid_key(tier) == key
    assert rules.DEFAULT_GRID[key] == (induction, main)


@pytest.mark.parametrize(
    ("start", "release", "today", "phase"),
    [
        (dt.date(2026, 1, 1), None, dt.date(2026, 1, 1), "induction"),
        (dt.date(2026, 1, 1), None, dt.date(2026, 1, 28), "induction"),
        (dt.date(2026, 1, 1), None, dt.date(2026, 1, 29), "main"),
        (dt.date(2025, 1, 1), dt.date(2026, 3, 2), dt.date(2026, 3, 10), "induction"),
        (None, None, dt.date(2026, 3, 10), "main"),
        (dt.date(2026, 5, 1), None, dt.date(2026, 4, 30), "main"),
    ],
)
def test_sentence_phase(start, release, today, phase):
    assert rules.sentence_phase(start=start, release=release, today=today) == phase


@pytest.mark.parametrize(
    ("new", "old", "reduction"),
    [
        ((1, 14, 1), (1, 7, 1), True),
        ((1, 7, 1), (1, 14, 1), False),
        ((1, 7, 0), (1, 7, 1), True),
        ((2, 14, 2), (1, 7, 1), False),
        ((1, 42, 1), (1, 28, 1), True),
    ],
)
def test_contact_level_reduction(new, old, reduction):
    assert rules.ContactLevel(*new).is_reduction_from(rules.ContactLevel(*old)) is reduction


@pytest.mark.parametrize(
    ("crn", "valid"),
    [
        ("X123456", True),
        ("x123456", False),
        ("X12345", False),
        ("XX23456", False),
        ("X1234567", False),
        ("", False),
    ],
)
def test_crn_format(crn, valid):
    assert record_rules.crn_is_valid(crn) is valid


@pytest.mark.parametrize(
    ("rosh", "mappa", "escalate"),
    [
        (Rosh.LOW, None, False),
        (Rosh.MEDIUM, 1, False),
        (Rosh.HIGH, None, True),
        (Rosh.VERY_HIGH, None, True),
        (Rosh.LOW, 2, True),
        (None, 3, True),
    ],
)
def test_must_escalate(rosh, mappa, escalate):
    assert bool(rules.must_escalate(rosh=rosh, mappa_level=mappa)) is escalate


@pytest.mark.parametrize(
    ("contacts", "period", "text"),
    [
        (1, 7, "Weekly"),
        (2, 7, "Twice a week"),
        (1, 14, "Fortnightly"),
        (1, 42, "Every 6 weeks"),
        (3, 28, "3 times every 4 weeks"),
    ],
)
def test_describe_frequency(contacts, period, text):
    assert rules.describe_frequency(contacts, period) == text
