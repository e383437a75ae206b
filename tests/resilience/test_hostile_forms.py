"""Every form, fed hostile input (issue 15, item 3): it never raises, an invalid form names
the field at fault (or the form as a whole), validation writes nothing, and what it
accepts the database can hold (no NUL in text, integers inside a 32-bit column).

The forms are found by walking each app's forms module, so a new form without an entry
in CONTEXT (the arguments it is built with) fails here until it has one.
"""

import importlib
import inspect

import pytest
from django import forms
from django.db import connection
from django.http import QueryDict
from django.test.client import RequestFactory
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from cases.models import EnforcementKind, PlanObjective
from crc.forms_adapter import GovukDateInput
from crc.organisation.models import Staff
from tests.resilience.hostile import date_parts, fuzz, hostile_text, plausible

pytestmark = pytest.mark.django_db

FORM_MODULES = [
    "cases.allocation.forms",
    "cases.contacts.forms",
    "cases.forms",
    "cases.planning.forms",
    "cases.record.forms",
    "cases.reviews.forms",
    "cases.risk.forms",
    "crc.access.forms",
    "crc.organisation.forms",
    "resettlement.forms",
    "unpaidwork.forms",
]

# The keyword arguments a form needs, given the test's case.
CONTEXT = {
    "cases.allocation.forms.AllocateForm": lambda case: {"officers": Staff.objects.all()},
    "cases.contacts.forms.AppointmentForm": lambda case: {"case": case},
    "cases.contacts.forms.EnforcementForm": lambda case: {"options": list(EnforcementKind)},
    "cases.forms.CaseloadFilterForm": lambda case: {"officers": Staff.objects.all()},
    "cases.planning.forms.ActionForm": lambda case: {"objectives": PlanObjective.objects.all()},
    "cases.reviews.forms.ReviewForm": lambda case: {"repeated": ["risk_of_harm_change"]},
    "cases.risk.forms.RiskForm": lambda case: {"case": case},
    "cases.risk.forms.RegistrationForm": lambda case: {"active_types": set()},
    "cases.risk.forms.EscalationProgressForm": lambda case: {
        "allowed": [("nps_referral_sent", "Referral sent"), ("closed", "Closed")]
    },
    "crc.organisation.forms.SignInForm": lambda case: {"request": RequestFactory().post("/")},
}


def _forms():
    found = []
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for name, obj in vars(module).items():
            if (
                inspect.isclass(obj)
                and issubclass(obj, forms.BaseForm)
                and obj.__module__ == module_name
            ):
                found.append(f"{module_name}.{name}")
    return sorted(found)


FORMS = _forms()


def _build(path: str, case, data=None):
    module_name, name = path.rsplit(".", 1)
    form_class = getattr(importlib.import_module(module_name), name)
    kwargs = CONTEXT.get(path, lambda case: {})(case)
    if path == "crc.organisation.forms.SignInForm":
        return form_class(kwargs["request"], data=data)
    return form_class(data=data, **kwargs)


def test_every_form_with_required_arguments_has_a_context():
    missing = []
    for path in FORMS:
        module_name, name = path.rsplit(".", 1)
        form_class = getattr(importlib.import_module(module_name), name)
        needed = [
            p.name
            for p in inspect.signature(form_class.__init__).parameters.values()
            if p.kind == p.KEYWORD_ONLY and p.default is p.empty
        ]
        if needed and path not in CONTEXT:
            missing.append((path, needed))
    assert missing == []
    assert len(FORMS) >= 40


def _field_data(form: forms.BaseForm, draw) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field.widget, GovukDateInput):
            for part, value in draw(date_parts(key)).items():
                data[part] = value
            continue
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            data.setlist(key, draw(st.lists(plausible(field) | hostile_text, max_size=3)))
            continue
        value = draw(st.one_of(plausible(field), hostile_text, st.none()))
        if value is not None:
            data[key] = value
    return data


WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.mark.parametrize("path", FORMS)
def test_a_form_fed_hostile_input_answers_with_errors_not_exceptions(path, case):
    @fuzz
    @given(st.data())
    def run(draw):
        form = _build(path, case)
        data = _field_data(form, draw.draw)
        form = _build(path, case, data)
        with CaptureQueriesContext(connection) as queries:
            valid = form.is_valid()
        writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
        if path != "crc.organisation.forms.SignInForm":
            # (django-axes records every failed sign-in, by design: that is the lockout.)
            assert writes == [], "validation wrote to the database"
        for name, messages in form.errors.items():
            assert name == "__all__" or name in form.fields, name
            assert all(str(message).strip() for message in messages)
        for name, field in form.fields.items():
            raw = data.get(form.add_prefix(name), "")
            if isinstance(field, forms.CharField) and "\x00" in raw:
                assert name in form.errors, f"{name} accepted a NUL character"
        if valid:
            for name, value in form.cleaned_data.items():
                if isinstance(value, int) and not isinstance(value, bool):
                    assert -(2**31) <= value < 2**31, f"{name} accepted {value}"
                if isinstance(value, str):
                    assert "\x00" not in value, name

    run()
