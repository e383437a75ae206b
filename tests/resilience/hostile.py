"""Hypothesis strategies for hostile input, and the examples profile the resilience
tests share: modest in CI (HYPOTHESIS_PROFILE unset), deeper by hand
(HYPOTHESIS_PROFILE=resilience-deep)."""

import datetime as dt
import os

from django import forms
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

settings.register_profile(
    "resilience-ci",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "resilience-deep",
    max_examples=500,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
fuzz = settings(settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "resilience-ci")))

CONTROL = "".join(chr(c) for c in range(32)) + "\x7f"

# Strings a broken or malicious client sends: empty, huge, control characters including
# NUL, right-to-left and combining marks, astral-plane characters, numbers out of range.
hostile_text = st.one_of(
    st.just(""),
    st.just(" \t\r\n "),
    st.just("\x00"),
    st.just("x" * 100_000),
    st.just("9" * 400),
    st.just("-1"),
    st.just("1e309"),
    st.just("NaN"),
    st.just("0"),
    st.just("2147483648"),
    st.just("\u202eevil\u202c"),
    st.just("<script>alert(1)</script>"),
    st.just("'; DROP TABLE cases_case; --"),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.text(alphabet=CONTROL, min_size=1, max_size=10),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)

edge_dates = (
    st.sampled_from(
        [dt.date.min, dt.date(1900, 1, 1), dt.date(2024, 2, 29), dt.date(2038, 1, 19), dt.date.max]
    )
    | st.dates()
)


def plausible(field: forms.Field):
    """A value the field could accept."""
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", ""])
    if isinstance(field, forms.ModelChoiceField):
        return st.sampled_from(
            [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:5]] or [""]
        )
    if isinstance(field, forms.ChoiceField):
        values = [str(v) for v, _ in field.choices if not isinstance(_, list | tuple)]
        return st.sampled_from(values or [""])
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return st.integers(min_value=-5, max_value=500).map(str)
    if isinstance(field, forms.DateField):
        return edge_dates.map(lambda d: d.isoformat())
    return st.text(max_size=30)


def date_parts(name: str):
    """The three boxes of a GOV.UK date input."""
    part = st.one_of(st.integers(min_value=-1, max_value=10_000).map(str), hostile_text)
    real = edge_dates.map(lambda d: (str(d.day), str(d.month), str(d.year)))
    return st.one_of(real, st.tuples(part, part, part)).map(
        lambda t: {f"{name}_day": t[0], f"{name}_month": t[1], f"{name}_year": t[2]}
    )
