"""Every public rule function, fed every input its types admit within the range the
forms admit (issue 15, item 3): dates from 1900 to 2199 (crc.forms_adapter refuses
others), integers well past any real count, any text including control characters and
NUL, empty collections. A rule answers, or refuses with a ValueError it raises itself
(a stated precondition, such as "yes must be between 0 and total"); never a stray
KeyError, OverflowError or library error.

Functions are found by walking the rules modules, so a new rule is fuzzed from its type
hints without a line here.
"""

import collections.abc as abc
import dataclasses
import datetime as dt
import enum
import importlib
import inspect
import traceback
import types
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crc.forms_adapter import EARLIEST_DATE, LATEST_DATE
from tests.resilience.hostile import fuzz, hostile_text

RULE_MODULES = [
    "cases.allocation.rules",
    "cases.contacts.rules",
    "cases.record.rules",
    "cases.reviews.rules",
    "cases.risk.rules",
    "crc.dashboards.rules",
    "crc.workingdays",
    "interventions.rules",
    "resettlement.rules",
    "unpaidwork.rules",
]

DATES = st.dates(min_value=EARLIEST_DATE, max_value=LATEST_DATE)
INTS = st.one_of(st.integers(min_value=-1000, max_value=100_000), st.sampled_from([0, -1, 1]))
TEXT = st.one_of(hostile_text, st.text(max_size=10))


def resolve(tp):  # noqa: C901 - one branch per kind of type
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is inspect.Parameter.empty or tp is typing.Any:
        return st.lists(TEXT, max_size=3)
    if tp is dt.date:
        return DATES
    if tp is dt.datetime:
        return st.datetimes(
            min_value=dt.datetime.combine(EARLIEST_DATE, dt.time()),
            max_value=dt.datetime.combine(LATEST_DATE, dt.time()),
            timezones=st.just(dt.UTC),
        )
    if tp is dt.time:
        return st.times()
    if tp is bool:
        return st.booleans()
    if tp is int:
        return INTS
    if tp is float:
        return st.floats(min_value=-1000, max_value=1000, allow_nan=False)
    if inspect.isclass(tp) and issubclass(tp, enum.Enum):
        return st.sampled_from(list(tp))
    if tp is str or tp is abc.Hashable:
        return TEXT
    if tp is type(None):
        return st.none()
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(resolve(a) for a in args))
    if origin in (list, abc.Sequence, abc.Iterable, abc.Collection):
        return st.lists(resolve(args[0] if args else str), max_size=5)
    if origin in (set, frozenset, abc.Set):
        return st.frozensets(resolve(args[0]), max_size=5)
    if origin in (dict, abc.Mapping):
        return st.dictionaries(resolve(args[0]), resolve(args[1]), max_size=5)
    if origin is tuple:
        return st.tuples(*(resolve(a) for a in args))
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        return st.builds(
            tp,
            **{f.name: resolve(hints[f.name]) for f in dataclasses.fields(tp) if f.init},
        )
    return st.from_type(tp)


def _rules():
    found = []
    for module_name in RULE_MODULES:
        module = importlib.import_module(module_name)
        for name, obj in vars(module).items():
            if inspect.isfunction(obj) and obj.__module__ == module_name and name[0] != "_":
                found.append(f"{module_name}.{name}")
    return found


# Inputs that are closed sets held in the database (codes from a model's choices), never
# typed by anyone: fuzzing them with free text tests nothing a user can reach.
CLOSED_INPUTS = {
    "cases.risk.rules.calculate_tier",  # TierInputs: RoSH levels and codes from choices
    "interventions.rules.transition",  # a referral's status from its TextChoices
    "unpaidwork.rules.parse_windows",  # availability JSON the service itself stored
    "crc.dashboards.rules.draw_stratified",  # takes stratified_allocation's own answer
}
RULES = [path for path in _rules() if path not in CLOSED_INPUTS]


# Spans of time come from policy tables and the code, not from a user: up to a century.
SPANS = st.integers(min_value=0, max_value=1200)
SPAN_NAMES = ("months", "weeks", "days", "count", "per_week", "points")
# "Today" is this century, whatever a user typed elsewhere.
TODAY = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))


# Numbers set in the code or a bounded policy table, not typed by a user.
BY_NAME = {
    "today": TODAY,
    "confidence": st.floats(min_value=0.5, max_value=0.99),
    "margin": st.floats(min_value=0.01, max_value=0.5),
    "session_minutes": st.integers(min_value=1, max_value=600),
    "period_days": st.integers(min_value=1, max_value=366),
    "count": st.integers(min_value=0, max_value=60),
    "periods": st.integers(min_value=0, max_value=60),
    "sessions_per_week": st.integers(min_value=1, max_value=7),
    "days_per_week": st.integers(min_value=1, max_value=7),
}


def _for(name: str, hint):
    # By name only where the hint is a plain value: `periods` is a count in one rule and
    # a list of PeriodCompliance in another (cases.contacts.rules.grid_status).
    if name in BY_NAME and typing.get_origin(hint) is None:
        return BY_NAME[name]
    if name.endswith(SPAN_NAMES):
        if hint is int:
            return SPANS
        if typing.get_origin(hint) in (abc.Iterable, abc.Sequence, list):
            return st.lists(SPANS, max_size=5)
    return resolve(hint)


def _strategy(function):
    hints = typing.get_type_hints(function)
    params = inspect.signature(function).parameters
    return st.fixed_dictionaries(
        {name: _for(name, hints.get(name, inspect.Parameter.empty)) for name in params}
    )


def test_every_rules_module_is_walked():
    assert len(RULES) > 80


@pytest.mark.parametrize("path", RULES)
def test_a_rule_answers_whatever_it_is_given(path):
    module_name, name = path.rsplit(".", 1)
    function = getattr(importlib.import_module(module_name), name)

    @fuzz
    @given(_strategy(function))
    def run(kwargs):
        try:
            function(**kwargs)
        except ValueError as refusal:
            # A refusal the rule states itself, not one from deeper down.
            where = traceback.extract_tb(refusal.__traceback__)[-1].filename
            assert where == inspect.getfile(function), (refusal, where)

    run()
