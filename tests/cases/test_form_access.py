"""Who may open each form that changes the case record, and what the forms share."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from cases.models import Case, NeedArea
from tests.cases.helpers import date_data, denied_rows, order_data, sign_in, snapshot

pytestmark = pytest.mark.django_db


# --- Who may open each form --------------------------------------------------------------

# (url name, the personas the policy lets use it)
FORMS = {
    "person_edit": {"officer", "service_centre", "administrator"},
    "order_add": {"officer", "service_centre", "administrator"},
    "requirement_add": {"officer", "service_centre", "administrator"},
    "allocate": {"spo", "administrator"},
    "risk_edit": {"officer", "spo"},
    "registration_add": {"officer", "spo"},
    "registration_review": {"officer", "spo"},
    "registration_end": {"officer", "spo"},
    "needs_edit": {"officer", "spo"},
    "contact_level_change": {"officer", "spo"},
    "contact_level_apply_grid": {"officer", "spo"},
    "contact_level_decide": {"spo"},
    "escalation_raise": {"officer", "spo"},
    "escalation_progress": {"spo", "service_centre"},
    "access_lists": {"spo", "administrator"},
}
PERSONAS = [
    "officer",
    "colleague",
    "other_officer",
    "spo",
    "area_manager",
    "qpm",
    "service_centre",
    "administrator",
]
DENIED = [
    (name, persona)
    for name, allowed in FORMS.items()
    for persona in PERSONAS
    if persona not in allowed
]


@pytest.fixture
def every_form(supervised_case, officer, registration, pending_reduction, escalation):
    """URL and a valid POST for every case form, on one case set up so each would work."""
    case = supervised_case
    order = case.orders.get()
    today = dt.date.today()

    def url(name, *extra):
        return reverse(f"cases:{name}", args=[case.crn, *extra])

    return {
        "person_edit": (
            url("person_edit"),
            {
                "first_name": "Changed",
                "last_name": case.last_name,
                **date_data("date_of_birth", case.date_of_birth),
                "sex": "male",
                "disability": "no",
            },
        ),
        "order_add": (
            url("order_add"),
            order_data(
                "sso", "Assault", sentenced=today, starts=today, ends=today + dt.timedelta(days=365)
            ),
        ),
        "requirement_add": (
            url("requirement_add", order.pk),
            {"requirement_type": "curfew", "length": "3"},
        ),
        "allocate": (url("allocate"), {"officer": "", "reason": "Workload"}),
        "risk_edit": (
            url("risk_edit"),
            {"rosh_overall": "low", **date_data("rosh_assessed_on", today), "ogrs_score": "20"},
        ),
        "registration_add": (
            url("registration_add"),
            {"registration_type": "weapons", **date_data("registered_on", today)},
        ),
        "registration_review": (url("registration_review", registration.pk), {}),
        "registration_end": (url("registration_end", registration.pk), {"reason": "Resolved"}),
        "needs_edit": (
            url("needs_edit"),
            {f"need_{area.value}": "standard" for area in NeedArea},
        ),
        "contact_level_change": (
            url("contact_level_change"),
            {"contacts": "2", "period_days": "7", "face_to_face": "2", "reason": "More support"},
        ),
        "contact_level_apply_grid": (url("contact_level_apply_grid"), {}),
        "contact_level_decide": (
            url("contact_level_decide", pending_reduction.pk),
            {"decision": "approve", "note": ""},
        ),
        "escalation_raise": (url("escalation_raise"), {"reasons": "Another reason"}),
        "escalation_progress": (
            url("escalation_progress", escalation.pk),
            {"to_status": "referred", "note": ""},
        ),
        "access_lists": (url("access_lists"), {"staff": "", "kind": "exclusion", "reason": "x"}),
    }


@pytest.mark.parametrize(("name", "persona"), DENIED)
def test_a_persona_without_the_action_gets_404_and_nothing_changes(
    client, request, every_form, name, persona
):
    user = request.getfixturevalue(persona)
    case = Case.objects.get(crn="A123456")
    sign_in(client, user, reason_for=case)
    url, data = every_form[name]
    before, denied_before = snapshot(), denied_rows()

    response = client.post(url, data)

    assert response.status_code == 404
    assert snapshot() == before
    assert denied_rows() == denied_before + 1


@pytest.mark.parametrize(
    "name",
    [name for name in FORMS if name not in ("contact_level_apply_grid", "contact_level_decide")],
)
def test_each_form_opens_for_a_permitted_persona_with_one_h1_and_labelled_inputs(
    client, request, every_form, name
):
    persona = sorted(FORMS[name])[0]
    user = request.getfixturevalue(persona)
    sign_in(client, user, reason_for=Case.objects.get(crn="A123456"))
    url, _ = every_form[name]

    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Cancel</a>" in html
    for input_id in re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html):
        if input_id.startswith("csrf"):
            continue
        assert f'for="{input_id}"' in html, f"{name}: no label for #{input_id}"


@pytest.mark.parametrize("name", ["contact_level_apply_grid", "contact_level_decide"])
def test_the_buttons_on_the_risk_page_take_posts_only(client, spo, every_form, name):
    sign_in(client, spo)
    url, _ = every_form[name]

    assert client.get(url).status_code == 405
