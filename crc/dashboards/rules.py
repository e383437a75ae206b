"""Pure rules for dashboards, workload and quality audits (DOMAIN.md §8–9).

No ORM and no I/O: the numbers policy gives us (points per tier, capacity) come in as
arguments, so every rule here is tested with plain tables.

Sources: the Inspectorate's own method as the London CRC report describes it (§2:
"a confidence level of 80 per cent (with a margin of error of five)", sample ratios of
sex, disposal type and RoSH level matching the eligible population; Annex 2: banding
and "the rating at the standard level is aligned to the lowest banding at the key
question level").
"""

import calendar
import datetime as dt
import math
import random
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from statistics import NormalDist

# --- Sampling ---------------------------------------------------------------------------

CONFIDENCE = 0.80
MARGIN = 0.05
# p = 0.5 is the most cautious proportion: it gives the largest sample for a margin.
PROPORTION = 0.5


def unadjusted_sample_size(confidence: float = CONFIDENCE, margin: float = MARGIN) -> float:
    """Cochran's n0 = z² p (1 - p) / e² for an infinite population (not rounded)."""
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    return z * z * PROPORTION * (1 - PROPORTION) / (margin * margin)


def sample_size(
    population: int | None, confidence: float = CONFIDENCE, margin: float = MARGIN
) -> int:
    """Cases to audit out of `population` eligible ones (None: infinite), with the
    finite-population correction n = n0 / (1 + (n0 - 1) / N), rounded up and never
    more than the population."""
    n0 = unadjusted_sample_size(confidence, margin)
    if population is None:
        return math.ceil(n0)
    if population < 0:
        raise ValueError("A population cannot be negative")
    if population == 0:
        return 0
    # A hair of tolerance so that 165.0000000001 from floating point is still 165.
    adjusted = n0 / (1 + (n0 - 1) / population)
    return min(population, math.ceil(adjusted - 1e-9))


def stratified_allocation(strata: Mapping[Hashable, int], size: int) -> dict[Hashable, int]:
    """How many of `size` to draw from each stratum, proportional to its count, whole
    numbers by the largest-remainder method (ties: the larger stratum, then the key's
    sort order, so the same population always gives the same allocation)."""
    population = sum(strata.values())
    if size < 0 or any(count < 0 for count in strata.values()):
        raise ValueError("Counts and the sample size cannot be negative")
    if size > population:
        raise ValueError("The sample cannot be larger than the population")
    if size == 0:
        return {key: 0 for key in strata}
    floors = {}
    remainders = {}
    for key, count in strata.items():
        whole, remainder = divmod(count * size, population)
        floors[key] = whole
        remainders[key] = remainder
    left = size - sum(floors.values())
    order = sorted(strata, key=lambda key: (-remainders[key], -strata[key], str(key)))
    for key in order[:left]:
        floors[key] += 1
    return floors


# Cases "approximately six to seven months" into supervision (report §2).
ELIGIBLE_MONTHS = (6, 7)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier, or that month's last day (31 Aug -> 28 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last_day))


def eligibility_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """Supervision began on or after the first date and on or before the second: the
    case is between 6 and 7 months into supervision today."""
    nearer, further = ELIGIBLE_MONTHS
    return months_before(today, further), months_before(today, nearer)


def draw_stratified(
    population: Mapping[Hashable, list[int]], allocation: Mapping[Hashable, int], seed: int
) -> list[int]:
    """The case ids drawn from each stratum, at random but repeatably from `seed`."""
    rng = random.Random(seed)
    drawn = []
    for key in sorted(population, key=str):
        drawn.extend(rng.sample(sorted(population[key]), allocation.get(key, 0)))
    return sorted(drawn)


# --- Banding and ratings ----------------------------------------------------------------


class Band(StrEnum):
    OUTSTANDING = "outstanding"
    GOOD = "good"
    REQUIRES_IMPROVEMENT = "requires_improvement"
    INADEQUATE = "inadequate"

    @property
    def label(self) -> str:
        return BAND_LABELS[self]


BAND_LABELS = {
    Band.OUTSTANDING: "Outstanding",
    Band.GOOD: "Good",
    Band.REQUIRES_IMPROVEMENT: "Requires improvement",
    Band.INADEQUATE: "Inadequate",
}
# Lowest first: a standard takes the first of these that any of its questions has.
BANDS_LOWEST_FIRST = [Band.INADEQUATE, Band.REQUIRES_IMPROVEMENT, Band.GOOD, Band.OUTSTANDING]
# (lowest whole percentage, band), highest threshold first.
BAND_THRESHOLDS = [(80, Band.OUTSTANDING), (65, Band.GOOD), (50, Band.REQUIRES_IMPROVEMENT)]


def whole_percent(yes: int, total: int) -> int | None:
    """The share as the report prints it: a whole percentage, halves rounded up. The
    bands are written in whole percentages (65–79, 50–64), so banding the printed
    number means a reader never sees "80%" beside "Good". None when nothing counts."""
    if total < 0 or yes < 0 or yes > total:
        raise ValueError("yes must be between 0 and total")
    if total == 0:
        return None
    return int((Decimal(yes) * 100 / Decimal(total)).quantize(Decimal(1), ROUND_HALF_UP))


def band_for(percent: int | None) -> Band | None:
    if percent is None:
        return None
    if not 0 <= percent <= 100:
        raise ValueError("A percentage is between 0 and 100")
    for threshold, band in BAND_THRESHOLDS:
        if percent >= threshold:
            return band
    return Band.INADEQUATE


def lowest_band(bands: Iterable[Band | None]) -> Band | None:
    """A standard's rating: the lowest band among its key questions (questions with no
    applicable case are left out; None when none has a result)."""
    present = {band for band in bands if band is not None}
    for band in BANDS_LOWEST_FIRST:
        if band in present:
            return band
    return None


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_APPLICABLE = "na"


@dataclass(frozen=True)
class QuestionResult:
    code: str
    yes: int
    applicable: int  # the denominator: answers other than "not applicable"
    percent: int | None
    band: Band | None


def question_result(code: str, answers: Iterable[str]) -> QuestionResult:
    """% yes over the cases the question applies to. For the risk-of-harm questions
    (2.x.3) "not applicable" marks a case with no risk-of-harm issue, so the result is
    over the relevant sub-sample, as the report's footnote 20 says."""
    answers = list(answers)
    yes = sum(1 for a in answers if a == Answer.YES)
    applicable = sum(1 for a in answers if a != Answer.NOT_APPLICABLE)
    percent = whole_percent(yes, applicable)
    return QuestionResult(code, yes, applicable, percent, band_for(percent))


@dataclass(frozen=True)
class StandardRating:
    code: str
    computed: Band | None
    override: Band | None = None
    override_reason: str = ""

    @property
    def shown(self) -> Band | None:
        """The published rating: the override where a manager recorded one."""
        return self.override or self.computed


def standard_rating(
    code: str,
    results: Iterable[QuestionResult],
    *,
    override: Band | None = None,
    override_reason: str = "",
) -> StandardRating:
    if override is not None and not override_reason.strip():
        raise ValueError("A professional-discretion override needs its reason")
    return StandardRating(
        code=code,
        computed=lowest_band(result.band for result in results),
        override=override,
        override_reason=override_reason.strip(),
    )


def is_risk_of_harm_question(code: str) -> bool:
    """2.1.3, 2.2.3, 2.3.3, 2.4.3: "keeping other people safe"."""
    parts = code.split(".")
    return len(parts) == 3 and parts[0] == "2" and parts[2] == "3"


# --- Workload ---------------------------------------------------------------------------

CASELOAD_MARKER = 55  # the report: 77% of responsible officers held over 55 cases


@dataclass(frozen=True)
class Workload:
    cases: int
    points: int
    untiered: int  # cases with no tier (or one the points table lacks): counted, 0 points
    capacity_percent: int | None
    over_marker: bool


def weighted_workload(
    tier_counts: Mapping[str, int],
    points: Mapping[str, int],
    *,
    capacity_points: int | None,
    marker: int = CASELOAD_MARKER,
) -> Workload:
    """Caseload and weighted workload for one officer from their case count per tier."""
    cases = sum(tier_counts.values())
    total = sum(points[tier] * n for tier, n in tier_counts.items() if tier in points)
    untiered = sum(n for tier, n in tier_counts.items() if tier not in points)
    return Workload(
        cases=cases,
        points=total,
        untiered=untiered,
        capacity_percent=capacity_percent(total, capacity_points),
        over_marker=cases > marker,
    )


def capacity_percent(points: int, capacity_points: int | None) -> int | None:
    """Workload as a whole percentage of the officer's capacity (None: no capacity)."""
    if not capacity_points:
        return None
    return int(
        (Decimal(points) * 100 / Decimal(capacity_points)).quantize(Decimal(1), ROUND_HALF_UP)
    )


def share_over_marker(caseloads: Iterable[int], marker: int = CASELOAD_MARKER) -> int | None:
    """The report's marker as a whole percentage: officers holding more than 55 cases."""
    caseloads = list(caseloads)
    return whole_percent(sum(1 for n in caseloads if n > marker), len(caseloads))
