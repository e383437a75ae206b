"""Pure rules for the risk wing: tier, Grid phase and frequencies, OGRS bands,
escalation and its transitions, review dates. No ORM, no I/O.

Tier follows the HMPPS two-axis scheme as DOMAIN.md §3 reproduces it. Every
function returns its working (which input gave which points) so the case page can
show *why* a case is B2, not just that it is.
"""

import calendar
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Rosh(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very_high"


class Severity(StrEnum):
    NONE = "none"
    STANDARD = "standard"
    SEVERE = "severe"


ROSH_PROTECT_POINTS = {Rosh.VERY_HIGH: 150, Rosh.HIGH: 20, Rosh.MEDIUM: 10, Rosh.LOW: 0}
MAPPA_PROTECT_POINTS = {1: 5, 2: 150, 3: 150}

# Registrations that add complexity (2 protect points each). Domestic abuse and weapons
# are risk flags that add none.
COMPLEXITY_REGISTRATIONS = frozenset(
    {
        "mental_health",
        "suicide_self_harm",
        "vulnerability",
        "child_concerns",
        "child_protection",
        "risk_to_children",
        "public_interest",
        "adult_at_risk",
        "street_gangs",
        "terrorism",
    }
)
COMPLEXITY_POINTS = 2
WOMEN_FACTOR_POINTS = 2
WOMEN_FACTORS = {
    "parenting_responsibilities": "Parenting responsibilities",
    "poor_self_control": "Poor self-control",
    "breach_or_recall_last_12_months": "Breach or recall in the last 12 months",
}

NEED_WEIGHTS = {
    "thinking_behaviour": 2,
    "attitudes": 2,
    "accommodation": 1,
    "ete": 1,
    "relationships": 1,
    "lifestyle": 1,
    "drugs": 1,
    "alcohol": 1,
    "finance": 0,
    "emotional_wellbeing": 0,
}
SEVERITY_MULTIPLIER = {Severity.NONE: 0, Severity.STANDARD: 1, Severity.SEVERE: 2}
IOM_CHANGE_POINTS = 2


@dataclass(frozen=True)
class TierInputs:
    rosh: Rosh | None = None
    rsr: float | None = None
    mappa_level: int | None = None
    registrations: frozenset[str] = frozenset()
    is_female: bool = False
    women_factors: frozenset[str] = frozenset()
    needs: dict[str, Severity] = field(default_factory=dict)
    ogrs: int | None = None
    iom_nominal: bool = False
    has_assessment: bool = True
    has_behaviour_change_requirement: bool = True


@dataclass(frozen=True)
class TierPoint:
    """One line of the explanation: what gave how many points."""

    axis: str  # "protect" or "change"
    source: str
    points: int
    counted: bool = True  # False when shown for clarity but not counted


@dataclass(frozen=True)
class Tier:
    protect: str  # A-D
    change: int  # 0-3
    protect_points: int
    change_points: int
    working: tuple[TierPoint, ...]
    change_note: str = ""

    @property
    def code(self) -> str:
        return f"{self.protect}{self.change}"


def rsr_protect_points(rsr: float | None) -> int:
    if rsr is None:
        return 0
    if rsr >= 7:
        return 20
    if rsr >= 3:
        return 10
    return 0


# The bands, highest first: (band, the fewest points that reach it).
PROTECT_BANDS: tuple[tuple[str, int], ...] = (("A", 150), ("B", 20), ("C", 10), ("D", 0))
CHANGE_BANDS: tuple[tuple[int, int], ...] = ((3, 20), (2, 10), (1, 0))
# Without a requirement that can change behaviour the change level is 0; with one but
# no assessment yet it is 2 until the assessment is done (DOMAIN.md §3).
NO_CHANGE_REQUIREMENT_LEVEL = 0
UNASSESSED_CHANGE_LEVEL = 2


def protect_band(points: int) -> str:
    return next(band for band, floor in PROTECT_BANDS if points >= floor)


def change_band(points: int) -> int:
    return next(band for band, floor in CHANGE_BANDS if points >= floor)


def _ranges(bands):
    """(band, floor, ceiling) for each band, ceiling None for the highest."""
    ceilings = [None, *(floor for _, floor in bands[:-1])]
    return [(band, floor, ceiling) for (band, floor), ceiling in zip(bands, ceilings, strict=True)]


def _points(floor: int, ceiling: int | None) -> str:
    return f"{floor} or more" if ceiling is None else f"{floor} to {ceiling - 1}"


def protect_band_legend() -> str:
    """ "A 150 or more, B 20 to 149, C 10 to 19, D under 10", from PROTECT_BANDS."""
    return ", ".join(
        f"{band} under {ceiling}" if floor == 0 else f"{band} {_points(floor, ceiling)}"
        for band, floor, ceiling in _ranges(PROTECT_BANDS)
    )


def change_band_legend() -> str:
    """ "3 for 20 or more, 2 for 10 to 19, otherwise 1", from CHANGE_BANDS."""
    return ", ".join(
        f"otherwise {band}" if floor == 0 else f"{band} for {_points(floor, ceiling)}"
        for band, floor, ceiling in _ranges(CHANGE_BANDS)
    )


def _protect_working(inputs: TierInputs) -> list[TierPoint]:
    working: list[TierPoint] = []
    rosh_points = ROSH_PROTECT_POINTS.get(inputs.rosh, 0) if inputs.rosh else 0
    rsr_points = rsr_protect_points(inputs.rsr)
    # Only the higher of RoSH and RSR counts.
    rosh_counts = rosh_points >= rsr_points
    if inputs.rosh:
        working.append(
            TierPoint(
                "protect", f"RoSH {inputs.rosh.value.replace('_', ' ')}", rosh_points, rosh_counts
            )
        )
    if inputs.rsr is not None:
        working.append(
            TierPoint(
                "protect", f"RSR {inputs.rsr:g}%", rsr_points, not rosh_counts or not inputs.rosh
            )
        )
    if inputs.mappa_level:
        working.append(
            TierPoint(
                "protect",
                f"MAPPA level {inputs.mappa_level}",
                MAPPA_PROTECT_POINTS[inputs.mappa_level],
            )
        )
    for registration in sorted(inputs.registrations & COMPLEXITY_REGISTRATIONS):
        label = registration.replace("_", " ").capitalize()
        working.append(TierPoint("protect", f"Registration: {label}", COMPLEXITY_POINTS))
    if inputs.is_female:
        for factor in sorted(inputs.women_factors & WOMEN_FACTORS.keys()):
            working.append(TierPoint("protect", WOMEN_FACTORS[factor], WOMEN_FACTOR_POINTS))
    return working


def _change_working(inputs: TierInputs) -> list[TierPoint]:
    working: list[TierPoint] = []
    for need, severity in sorted(inputs.needs.items()):
        points = NEED_WEIGHTS.get(need, 0) * SEVERITY_MULTIPLIER[Severity(severity)]
        if points:
            label = need.replace("_", " ").capitalize()
            working.append(
                TierPoint("change", f"Need: {label} ({Severity(severity).value})", points)
            )
    if inputs.ogrs is not None:
        working.append(TierPoint("change", f"OGRS {inputs.ogrs} ÷ 10", inputs.ogrs // 10))
    if inputs.iom_nominal:
        working.append(
            TierPoint("change", "Integrated offender management nominal", IOM_CHANGE_POINTS)
        )
    return working


def calculate_tier(inputs: TierInputs) -> Tier:
    protect_working = _protect_working(inputs)
    protect_points = sum(p.points for p in protect_working if p.counted)
    change_working = _change_working(inputs)
    change_points = sum(p.points for p in change_working)

    if not inputs.has_behaviour_change_requirement:
        change, note = (
            NO_CHANGE_REQUIREMENT_LEVEL,
            "No requirement that can change behaviour (for example unpaid work only): "
            f"change {NO_CHANGE_REQUIREMENT_LEVEL}.",
        )
    elif not inputs.has_assessment:
        change, note = (
            UNASSESSED_CHANGE_LEVEL,
            f"No assessment yet: change {UNASSESSED_CHANGE_LEVEL} until one is completed.",
        )
    else:
        change, note = change_band(change_points), ""
    return Tier(
        protect=protect_band(protect_points),
        change=change,
        protect_points=protect_points,
        change_points=change_points,
        working=tuple(protect_working + change_working),
        change_note=note,
    )


# --- The Grid ---------------------------------------------------------------------

INDUCTION_WEEKS = 4


class Phase(StrEnum):
    INDUCTION = "induction"
    MAIN = "main"


def sentence_phase(*, start: dt.date | None, release: dt.date | None, today: dt.date) -> Phase:
    """Induction is the first 4 weeks after the start of the order or release from custody."""
    anchor = max((d for d in (start, release) if d is not None), default=None)
    if anchor is not None and anchor <= today < anchor + dt.timedelta(weeks=INDUCTION_WEEKS):
        return Phase.INDUCTION
    return Phase.MAIN


def grid_key(tier_code: str) -> str:
    """Tier A cases all share the 'A*' row: they are pending escalation to the NPS."""
    return "A*" if tier_code.startswith("A") else tier_code


@dataclass(frozen=True)
class ContactLevel:
    contacts: int
    period_days: int
    face_to_face: int

    @property
    def per_week(self) -> float:
        return self.contacts * 7 / self.period_days

    def is_reduction_from(self, other: "ContactLevel | None") -> bool:
        """Fewer contacts per week, or fewer of them face to face, than before."""
        if other is None:
            return False
        fewer = self.per_week < other.per_week - 1e-9
        fewer_f2f = (
            self.face_to_face * 7 / self.period_days
            < other.face_to_face * 7 / other.period_days - 1e-9
        )
        return fewer or fewer_f2f

    def describe(self) -> str:
        return describe_frequency(self.contacts, self.period_days)


def describe_frequency(contacts: int, period_days: int) -> str:
    """'Weekly', 'Twice a week', 'Every 6 weeks'..."""
    if contacts == 1:
        simple = {7: "Weekly", 14: "Fortnightly", 28: "Every 4 weeks", 42: "Every 6 weeks"}
        return simple.get(period_days, f"Once every {period_days} days")
    times = "Twice" if contacts == 2 else f"{contacts} times"
    if period_days in (7, 14):
        return f"{times} a {'week' if period_days == 7 else 'fortnight'}"
    if period_days % 7 == 0:
        return f"{times} every {period_days // 7} weeks"
    return f"{times} every {period_days} days"


# The default Grid (DOMAIN.md §3): tier -> (induction, main), each (contacts, period days).
WEEKLY, TWICE_WEEKLY, FORTNIGHTLY, FOUR_WEEKLY, SIX_WEEKLY = (
    (1, 7),
    (2, 7),
    (1, 14),
    (1, 28),
    (1, 42),
)
DEFAULT_GRID: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "A*": (TWICE_WEEKLY, WEEKLY),
    "B3": (WEEKLY, WEEKLY),
    "B2": (WEEKLY, WEEKLY),
    "B1": (WEEKLY, FORTNIGHTLY),
    "B0": (WEEKLY, FORTNIGHTLY),
    "C3": (WEEKLY, FORTNIGHTLY),
    "C2": (WEEKLY, FORTNIGHTLY),
    "C1": (WEEKLY, FOUR_WEEKLY),
    "C0": (WEEKLY, FOUR_WEEKLY),
    "D3": (WEEKLY, FOUR_WEEKLY),
    "D2": (WEEKLY, FOUR_WEEKLY),
    "D1": (FORTNIGHTLY, SIX_WEEKLY),
    "D0": (FORTNIGHTLY, SIX_WEEKLY),
}


def ogrs_band(score: int | None) -> str:
    if score is None:
        return ""
    if score >= 90:
        return "very high"
    if score >= 75:
        return "high"
    if score >= 50:
        return "medium"
    return "low"


def must_escalate(*, rosh: Rosh | None, mappa_level: int | None) -> list[str]:
    """Reasons the case must be referred to the NPS (empty when it need not)."""
    reasons = []
    if rosh in (Rosh.HIGH, Rosh.VERY_HIGH):
        reasons.append(f"RoSH is {rosh.value.replace('_', ' ')}")
    if mappa_level in (2, 3):
        reasons.append(f"MAPPA level {mappa_level}")
    return reasons


# --- Escalation transitions and review dates ----------------------------------------

# Escalation statuses by value (cases.models.EscalationStatus): from -> allowed to.
ESCALATION_TRANSITIONS: dict[str, frozenset[str]] = {
    "raised": frozenset({"referred", "closed"}),
    "referred": frozenset({"accepted", "declined"}),
    "accepted": frozenset({"closed"}),
    "declined": frozenset({"closed"}),
    "closed": frozenset(),
}


def escalation_may_become(from_status: str, to_status: str) -> bool:
    return to_status in ESCALATION_TRANSITIONS.get(from_status, frozenset())


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it is shorter
    (31 January + 1 month is 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )
