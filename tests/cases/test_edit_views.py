"""The forms that change the case record (cases/edit_views.py): who may use each one,
what a good submission changes, and that bad input changes nothing."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from cases import services
from cases.models import (
    AccessListKind,
    Allocation,
    Case,
    CaseAccessEntry,
    ContactLevelDecision,
    ContactLevelStatus,
    CriminogenicNeed,
    Escalation,
    EscalationStatus,
    NeedArea,
    Order,
    Registration,
    Requirement,
    ServiceCentreTask,
)
from crc.access.models import AccessLog
from crc.notifications.models import OutboxMessage
from crc.organisation.models import Role
from tests import conftest
from tests.factories import OrderFactory, RequirementFactory, StaffFactory

pytestmark = pytest.mark.django_db

ERROR_SUMMARY = "govuk-error-summary"


# --- Helpers -------------------------------------------------------------------------------


def date_data(name: str, day: dt.date) -> dict:
    """A date as the GOV.UK three boxes post it (crc.forms_adapter.GovukDateInput)."""
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def sign_in(client, user, *, reason_for: Case | None = None):
    """Sign in; an administrator also states why they open the case (DPA 2018 s.62)."""
    conftest.sign_in(client, user)
    if reason_for is not None and user.role == Role.ADMINISTRATOR:
        response = client.post(
            reverse("cases:reason", args=[reason_for.crn]),
            {"reason": "Support ticket 4471: checking the record"},
        )
        assert response.status_code == 302
    return client


def snapshot() -> dict:
    """Row counts of everything a form could write, history included."""
    models = [
        Case,
        Order,
        Requirement,
        Allocation,
        Registration,
        CriminogenicNeed,
        ContactLevelDecision,
        Escalation,
        CaseAccessEntry,
        ServiceCentreTask,
        OutboxMessage,
    ]
    counts = {model.__name__: model.objects.count() for model in models}
    for model in models:
        if hasattr(model, "history"):
            counts[f"history:{model.__name__}"] = model.history.count()
    return counts


def assert_error_page(response, *messages: str) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    assert ERROR_SUMMARY in html
    assert "<title>Error: " in html
    for message in messages:
        assert message in html, message
    return html


def denied_rows() -> int:
    return AccessLog.objects.filter(kind="denied").count()


@pytest.fixture
def supervised_case(case, officer):
    """The officer's case with a community order and a RAR: tier worked out from it."""
    RequirementFactory(order=OrderFactory(case=case), requirement_type="rar")
    services.tier_recalculate(case=case, by=officer)
    case.refresh_from_db()
    return case


@pytest.fixture
def registration(supervised_case, officer):
    return services.registration_add(
        case=supervised_case, by=officer, registration_type="mental_health"
    )


@pytest.fixture
def escalation(supervised_case, officer):
    return services.escalation_raise(case=supervised_case, by=officer, reasons="New information")


@pytest.fixture
def weekly_level(supervised_case, officer):
    return services.contact_level_change(
        case=supervised_case,
        by=officer,
        contacts=1,
        period_days=7,
        face_to_face=1,
        reason="Induction",
    )


@pytest.fixture
def pending_reduction(supervised_case, officer, weekly_level, escalation):
    """A reduction asked for while an escalation is open: it waits for the SPO."""
    decision = services.contact_level_change(
        case=supervised_case,
        by=officer,
        contacts=1,
        period_days=28,
        face_to_face=1,
        reason="Settled and working",
    )
    assert decision.status == ContactLevelStatus.AWAITING_APPROVAL
    return decision


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
            {
                "order_type": "sso",
                **date_data("sentence_date", today),
                **date_data("start_date", today),
                **date_data("expected_end_date", today + dt.timedelta(days=365)),
                "index_offence": "Assault",
            },
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


# --- Creating a case -----------------------------------------------------------------------


def create_data(team, **overrides) -> dict:
    today = dt.date.today()
    return {
        "crn": "c765432",
        "first_name": "Dana",
        "last_name": "Okafor",
        **date_data("date_of_birth", dt.date(1992, 4, 3)),
        "sex": "female",
        "team": str(team.pk),
        "order_type": "co",
        "court": "Highbury Corner Magistrates' Court",
        **date_data("sentence_date", today - dt.timedelta(days=7)),
        **date_data("start_date", today - dt.timedelta(days=7)),
        **date_data("expected_end_date", today + dt.timedelta(days=358)),
        "index_offence": "Theft from a shop",
        "requirement_type": "rar",
        "requirement_length": "20",
        **overrides,
    }


@pytest.mark.parametrize("persona", ["service_centre", "administrator"])
def test_the_service_centre_and_administrators_create_a_case_with_its_first_order(
    client, request, team_a, persona
):
    user = request.getfixturevalue(persona)
    sign_in(client, user)

    response = client.post(reverse("cases:create"), create_data(team_a))

    case = Case.objects.get(crn="C765432")
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:overview", args=[case.crn])
    assert case.team == team_a and case.responsible_officer is None
    order = case.orders.get()
    assert order.order_type == "co"
    assert [r.requirement_type for r in order.requirements.all()] == ["rar"]
    assert case.history.earliest().history_user == user
    assert order.history.get().history_user == user
    assert AccessLog.objects.filter(kind="change", case_crn="C765432", staff=user).exists()
    # The creator lands on the new case (an administrator's reason is already stated).
    overview = client.get(response["Location"])
    assert overview.status_code == 200
    assert "Case C765432 created" in overview.content.decode()


@pytest.mark.parametrize("persona", ["officer", "spo", "area_manager", "qpm"])
def test_other_roles_cannot_create_cases(client, request, team_a, persona):
    sign_in(client, request.getfixturevalue(persona))

    assert client.get(reverse("cases:create")).status_code == 404
    assert client.post(reverse("cases:create"), create_data(team_a)).status_code == 404
    assert not Case.objects.filter(crn="C765432").exists()


def test_a_refused_order_leaves_no_half_created_case(client, service_centre, team_a, monkeypatch):
    from crc.domain import DomainError

    def refuse(**kwargs):
        raise DomainError("The court is closed", field="court")

    monkeypatch.setattr(services, "order_add", refuse)
    sign_in(client, service_centre)
    before = snapshot()

    response = client.post(reverse("cases:create"), create_data(team_a))

    assert_error_page(response, "The court is closed")
    assert snapshot() == before


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"crn": "12345"}, "one capital letter and six digits"),
        ({"date_of_birth_month": "13"}, "Date of birth must be a real date"),
        ({"order_type": "licence"}, "Enter the release date for a licence or PSS"),
        ({"requirement_type": "unpaid_work", "requirement_length": "500"}, "from 40 to 300"),
        ({"expected_end_date_year": "2001"}, "The expected end date must be after the start date"),
    ],
)
def test_case_create_shows_errors_and_creates_nothing(
    client, service_centre, team_a, overrides, message
):
    sign_in(client, service_centre)
    before = snapshot()

    response = client.post(reverse("cases:create"), create_data(team_a, **overrides))

    assert_error_page(response, message)
    assert snapshot() == before


def test_case_create_refuses_a_duplicate_crn_on_the_crn_field(client, service_centre, case):
    sign_in(client, service_centre)

    response = client.post(reverse("cases:create"), create_data(case.team, crn=case.crn))

    html = assert_error_page(response, "A case with this CRN already exists")
    assert 'href="#id_crn"' in html


# --- Personal details, orders and requirements ---------------------------------------------


@pytest.mark.parametrize("persona", ["officer", "service_centre", "administrator"])
def test_personal_details_are_saved_and_attributed(client, request, case, persona):
    user = request.getfixturevalue(persona)
    sign_in(client, user, reason_for=case)
    url = reverse("cases:person_edit", args=[case.crn])
    form_page = client.get(url).content.decode()
    assert f'value="{case.first_name}"' in form_page

    response = client.post(
        url,
        {
            "first_name": "Jo",
            "last_name": "Bloggs",
            **date_data("date_of_birth", dt.date(1985, 1, 30)),
            "sex": "male",
            "gender_identity": "same",
            "ethnicity": "W1",
            "disability": "yes",
            "disability_details": "Hearing loss",
            "interpreter_required": "on",
            "postcode": "n1  9ab",
            "accommodation_status": "settled",
            "employment_status": "employed",
            "email": "jo@example.com",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("cases:overview", args=[case.crn])
    case.refresh_from_db()
    assert (case.first_name, case.last_name) == ("Jo", "Bloggs")
    assert case.date_of_birth == dt.date(1985, 1, 30)
    assert case.disability is True and case.interpreter_required is True
    assert case.postcode == "N1 9AB"
    assert case.history.latest().history_user == user


def test_disability_not_known_is_stored_as_unknown(client, officer, case):
    case.disability = True
    case.save()
    sign_in(client, officer)

    client.post(
        reverse("cases:person_edit", args=[case.crn]),
        {
            "first_name": case.first_name,
            "last_name": case.last_name,
            **date_data("date_of_birth", case.date_of_birth),
            "sex": case.sex,
            "disability": "unknown",
        },
    )

    case.refresh_from_db()
    assert case.disability is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"date_of_birth_day": "31", "date_of_birth_month": "2"},
            "Date of birth must be a real date",
        ),
        ({"first_name": ""}, "Enter the first name"),
        ({"email": "not-an-email"}, "Enter an email address in the correct format"),
        ({"disability": ""}, "Select yes, no or not known for disability"),
    ],
)
def test_bad_personal_details_change_nothing(client, officer, case, data, message):
    sign_in(client, officer)
    name = case.first_name
    before = snapshot()
    payload = {
        "first_name": "Changed",
        "last_name": case.last_name,
        **date_data("date_of_birth", case.date_of_birth),
        "sex": "male",
        "disability": "no",
        **data,
    }

    response = client.post(reverse("cases:person_edit", args=[case.crn]), payload)

    html = assert_error_page(response, message)
    assert snapshot() == before
    case.refresh_from_db()
    assert case.first_name == name
    # The identity bar still shows the stored name, not the rejected input.
    assert name in html


def test_an_order_is_added_and_the_tier_follows(client, officer, case):
    sign_in(client, officer)
    today = dt.date.today()

    response = client.post(
        reverse("cases:order_add", args=[case.crn]),
        {
            "order_type": "licence",
            **date_data("sentence_date", today - dt.timedelta(days=400)),
            **date_data("start_date", today - dt.timedelta(days=5)),
            **date_data("expected_end_date", today + dt.timedelta(days=200)),
            **date_data("release_date", today - dt.timedelta(days=5)),
            "index_offence": "Robbery",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("cases:sentence", args=[case.crn])
    order = case.orders.get()
    assert order.order_type == "licence" and order.release_date == today - dt.timedelta(days=5)
    assert order.history.get().history_user == officer


def test_a_release_date_on_a_community_order_is_refused(client, officer, case):
    sign_in(client, officer)
    today = dt.date.today()

    response = client.post(
        reverse("cases:order_add", args=[case.crn]),
        {
            "order_type": "co",
            **date_data("sentence_date", today),
            **date_data("start_date", today),
            **date_data("expected_end_date", today + dt.timedelta(days=30)),
            **date_data("release_date", today),
            "index_offence": "Theft",
        },
    )

    assert_error_page(response, "Leave the release date empty")
    assert not case.orders.exists()


def test_a_requirement_is_added_to_the_cases_order(client, officer, supervised_case):
    order = supervised_case.orders.get()
    sign_in(client, officer)

    response = client.post(
        reverse("cases:requirement_add", args=[supervised_case.crn, order.pk]),
        {"requirement_type": "unpaid_work", "length": "120", "details": "Group placement"},
    )

    assert response.status_code == 302
    requirement = order.requirements.get(requirement_type="unpaid_work")
    assert requirement.length == 120
    assert requirement.history.get().history_user == officer


def test_a_requirement_on_another_cases_order_is_404(client, officer, case, other_team_case):
    other_order = OrderFactory(case=other_team_case)
    sign_in(client, officer)
    before = snapshot()

    response = client.post(
        reverse("cases:requirement_add", args=[case.crn, other_order.pk]),
        {"requirement_type": "curfew", "length": "3"},
    )

    assert response.status_code == 404
    assert snapshot() == before


def test_a_requirement_on_a_licence_is_refused_by_the_service(client, officer, case):
    licence = OrderFactory(case=case, order_type="licence", release_date=dt.date.today())
    sign_in(client, officer)
    before = snapshot()

    response = client.post(
        reverse("cases:requirement_add", args=[case.crn, licence.pk]),
        {"requirement_type": "curfew", "length": "3"},
    )

    assert_error_page(response, "have conditions, not requirements")
    assert snapshot() == before


def test_unpaid_work_hours_out_of_range_are_refused(client, officer, supervised_case):
    order = supervised_case.orders.get()
    sign_in(client, officer)
    before = snapshot()

    response = client.post(
        reverse("cases:requirement_add", args=[supervised_case.crn, order.pk]),
        {"requirement_type": "unpaid_work", "length": "20"},
    )

    assert_error_page(response, "Enter the unpaid work hours, from 40 to 300")
    assert snapshot() == before


# --- Allocation ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["spo", "administrator"])
def test_the_spo_or_an_administrator_allocates_the_case(
    client, request, supervised_case, colleague, persona
):
    user = request.getfixturevalue(persona)
    sign_in(client, user, reason_for=supervised_case)

    response = client.post(
        reverse("cases:allocate", args=[supervised_case.crn]),
        {"officer": str(colleague.pk), "reason": "Officer on long-term leave"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("cases:overview", args=[supervised_case.crn])
    supervised_case.refresh_from_db()
    assert supervised_case.responsible_officer == colleague
    allocation = Allocation.objects.get(case=supervised_case, ended_at__isnull=True)
    assert allocation.allocated_by == user
    assert supervised_case.history.latest().history_user == user


def test_the_spo_picks_only_active_officers_of_the_teams_they_manage(
    client, spo, case, colleague, pso, other_officer
):
    StaffFactory(
        username="gone", first_name="Gone", last_name="Away", team=case.team, is_active=False
    )
    sign_in(client, spo)

    html = client.get(reverse("cases:allocate", args=[case.crn])).content.decode()

    assert colleague.get_full_name() in html
    assert "(PSO, Islington A)" in html
    assert other_officer.get_full_name() not in html
    assert "Gone Away" not in html
    assert "Tier C2" in html


def test_a_pso_cannot_be_given_a_tier_b_case(client, spo, case, pso):
    case.tier = "B2"
    case.save()
    sign_in(client, spo)
    before = snapshot()

    response = client.post(
        reverse("cases:allocate", args=[case.crn]),
        {"officer": str(pso.pk), "reason": "Capacity"},
    )

    html = assert_error_page(response, "cannot hold a tier B2 case")
    assert 'href="#id_officer"' in html
    assert 'id="id_officer-error"' in html
    assert snapshot() == before


def test_allocation_needs_a_reason(client, spo, case, colleague):
    sign_in(client, spo)
    before = snapshot()

    response = client.post(
        reverse("cases:allocate", args=[case.crn]), {"officer": str(colleague.pk), "reason": ""}
    )

    assert_error_page(response, "Enter a reason for the allocation")
    assert snapshot() == before


def test_the_allocate_page_queries_do_not_grow_with_the_officers(
    client, spo, supervised_case, team_a, django_assert_max_num_queries
):
    sign_in(client, spo)
    url = reverse("cases:allocate", args=[supervised_case.crn])
    client.get(url)
    StaffFactory.create_batch(15, team=team_a)

    with django_assert_max_num_queries(13):
        response = client.get(url)

    assert response.status_code == 200


# --- Risk --------------------------------------------------------------------------------------


def risk_data(**overrides) -> dict:
    return {
        "rosh_overall": "medium",
        "rosh_children": "low",
        "rosh_public": "medium",
        "rosh_known_adult": "",
        "rosh_staff": "low",
        **date_data("rosh_assessed_on", dt.date.today()),
        "ogrs_score": "55",
        "rsr_score": "3.75",
        "mappa_category": "",
        "mappa_level": "",
        **overrides,
    }


@pytest.mark.parametrize("persona", ["officer", "spo"])
def test_risk_is_recorded_and_attributed(client, request, supervised_case, persona):
    user = request.getfixturevalue(persona)
    sign_in(client, user)

    response = client.post(reverse("cases:risk_edit", args=[supervised_case.crn]), risk_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("cases:risk", args=[supervised_case.crn])
    supervised_case.refresh_from_db()
    assert supervised_case.rosh_overall == "medium"
    assert supervised_case.rosh_known_adult == ""
    assert supervised_case.ogrs_score == 55
    assert str(supervised_case.rsr_score) == "3.75"
    assert supervised_case.history.latest().history_user == user
    assert not Escalation.objects.exists()


def test_high_rosh_escalates_and_says_so_and_alerts_the_spo(client, officer, spo, supervised_case):
    sign_in(client, officer)

    response = client.post(
        reverse("cases:risk_edit", args=[supervised_case.crn]),
        risk_data(rosh_overall="high"),
        follow=True,
    )

    html = response.content.decode()
    assert "This case must be escalated to the NPS: your SPO has been alerted" in html
    escalation = Escalation.objects.get(case=supervised_case)
    assert escalation.raised_by == officer
    [alert] = [m for m in OutboxMessage.objects.all() if m.payload.get("category") == "escalation"]
    assert alert.payload["recipient_ids"] == [spo.pk]
    assert ServiceCentreTask.objects.filter(case=supervised_case, kind="nps_referral").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ogrs_score": "150"}, "OGRS score must be between 0 and 99"),
        ({"rsr_score": "101"}, "RSR score must be between 0 and 100"),
        ({"rosh_assessed_on_month": "14"}, "must be a real date"),
        ({"mappa_level": "2"}, "Select the MAPPA category for this level"),
        ({"rosh_overall": "extreme"}, "Select a valid choice"),
    ],
)
def test_bad_risk_input_changes_nothing(client, officer, supervised_case, overrides, message):
    sign_in(client, officer)
    before = snapshot()

    response = client.post(
        reverse("cases:risk_edit", args=[supervised_case.crn]), risk_data(**overrides)
    )

    assert_error_page(response, message)
    assert snapshot() == before


def test_womens_factors_are_asked_only_for_women(client, officer, case):
    sign_in(client, officer)
    url = reverse("cases:risk_edit", args=[case.crn])
    assert "Parenting responsibilities" not in client.get(url).content.decode()

    case.sex = "female"
    case.save()
    assert "Parenting responsibilities" in client.get(url).content.decode()
    client.post(url, risk_data(parenting_responsibilities="on"))
    case.refresh_from_db()
    assert case.parenting_responsibilities is True


def test_the_risk_form_queries_are_bounded(
    client, officer, supervised_case, registration, django_assert_max_num_queries
):
    sign_in(client, officer)
    url = reverse("cases:risk_edit", args=[supervised_case.crn])
    client.get(url)

    with django_assert_max_num_queries(12):
        response = client.get(url)

    assert response.status_code == 200


# --- Registrations and needs ------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["officer", "spo"])
def test_a_registration_is_added(client, request, supervised_case, persona):
    user = request.getfixturevalue(persona)
    sign_in(client, user)

    response = client.post(
        reverse("cases:registration_add", args=[supervised_case.crn]),
        {
            "registration_type": "child_protection",
            **date_data("registered_on", dt.date.today()),
            "notes": "Conference on Monday",
        },
    )

    assert response.status_code == 302
    registration = Registration.objects.get(case=supervised_case)
    assert registration.registration_type == "child_protection"
    assert registration.registered_by == user
    assert registration.history.get().history_user == user


def test_an_active_registration_is_not_offered_again(
    client, officer, supervised_case, registration
):
    sign_in(client, officer)
    url = reverse("cases:registration_add", args=[supervised_case.crn])
    assert 'value="mental_health"' not in client.get(url).content.decode()
    before = snapshot()

    response = client.post(
        url,
        {"registration_type": "mental_health", **date_data("registered_on", dt.date.today())},
    )

    assert_error_page(response, "not already active")
    assert snapshot() == before


def test_a_future_registration_date_is_refused(client, officer, supervised_case):
    sign_in(client, officer)

    response = client.post(
        reverse("cases:registration_add", args=[supervised_case.crn]),
        {
            "registration_type": "weapons",
            **date_data("registered_on", dt.date.today() + dt.timedelta(days=3)),
        },
    )

    assert_error_page(response, "must be today or in the past")
    assert not Registration.objects.exists()


def test_reviewing_a_registration_sets_the_next_review(client, spo, supervised_case, registration):
    registration.next_review_date = dt.date.today()
    registration.save()
    sign_in(client, spo)
    url = reverse("cases:registration_review", args=[supervised_case.crn, registration.pk])
    assert "Confirm the review" in client.get(url).content.decode()

    response = client.post(url)

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.next_review_date == services.add_months(dt.date.today(), 6)
    assert registration.history.latest().history_user == spo


def test_ending_a_registration_needs_a_reason(client, officer, supervised_case, registration):
    sign_in(client, officer)
    url = reverse("cases:registration_end", args=[supervised_case.crn, registration.pk])
    before = snapshot()

    assert_error_page(client.post(url, {"reason": "  "}), "Enter why the registration is ending")
    assert snapshot() == before

    response = client.post(url, {"reason": "Discharged from the community mental health team"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.ended_on == dt.date.today()
    assert registration.history.latest().history_user == officer
    # Ended: no more reviewing or ending it.
    assert client.get(url).status_code == 404


def test_a_registration_of_another_case_is_404(client, officer, case, other_team_case):
    foreign = services.registration_add(case=other_team_case, by=None, registration_type="weapons")
    sign_in(client, officer)

    response = client.post(
        reverse("cases:registration_end", args=[case.crn, foreign.pk]), {"reason": "x"}
    )

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.ended_on is None


@pytest.mark.parametrize("persona", ["officer", "spo"])
def test_needs_are_recorded_with_strengths(client, request, supervised_case, persona):
    user = request.getfixturevalue(persona)
    services.needs_record(case=supervised_case, by=user, needs={"drugs": "severe"})
    sign_in(client, user)
    url = reverse("cases:needs_edit", args=[supervised_case.crn])
    # Prefilled with what is recorded.
    assert re.search(r'value="severe"\s+checked', client.get(url).content.decode())
    data = {f"need_{area.value}": "none" for area in NeedArea}
    data.update(
        need_thinking_behaviour="severe", need_drugs="standard", strengths="Supportive sister"
    )

    response = client.post(url, data)

    assert response.status_code == 302
    needs = dict(
        CriminogenicNeed.objects.filter(case=supervised_case).values_list("need", "severity")
    )
    assert needs["thinking_behaviour"] == "severe" and needs["drugs"] == "standard"
    supervised_case.refresh_from_db()
    assert supervised_case.strengths == "Supportive sister"
    assert (
        CriminogenicNeed.objects.get(case=supervised_case, need="drugs")
        .history.latest()
        .history_user
        == user
    )


def test_every_need_must_have_a_severity(client, officer, supervised_case):
    sign_in(client, officer)
    data = {f"need_{area.value}": "none" for area in NeedArea}
    del data["need_alcohol"]
    before = snapshot()

    response = client.post(reverse("cases:needs_edit", args=[supervised_case.crn]), data)

    html = assert_error_page(response, "Select a severity for alcohol misuse")
    assert 'href="#need_alcohol"' in html
    assert snapshot() == before


# --- Contact level ---------------------------------------------------------------------------


def level_data(**overrides) -> dict:
    return {
        "contacts": "1",
        "period_days": "14",
        "face_to_face": "1",
        "reason": "Engaging well, stable housing",
        **overrides,
    }


@pytest.mark.parametrize("persona", ["officer", "spo"])
def test_the_contact_level_is_changed(client, request, supervised_case, weekly_level, persona):
    user = request.getfixturevalue(persona)
    sign_in(client, user)
    page = client.get(reverse("cases:contact_level_change", args=[supervised_case.crn]))
    assert "The Grid says" in page.content.decode()
    assert "govuk-warning-text" in page.content.decode()

    response = client.post(
        reverse("cases:contact_level_change", args=[supervised_case.crn]), level_data(), follow=True
    )

    assert "Contact level changed to" in response.content.decode()
    level = ContactLevelDecision.objects.get(case=supervised_case, status="active")
    assert level.period_days == 14 and level.requested_by == user
    assert level.history.earliest().history_user == user


def test_a_reduction_with_an_open_escalation_goes_to_the_spo(
    client, officer, supervised_case, weekly_level, escalation
):
    sign_in(client, officer)

    response = client.post(
        reverse("cases:contact_level_change", args=[supervised_case.crn]), level_data(), follow=True
    )

    assert "has gone to your SPO for approval" in response.content.decode()
    assert ContactLevelDecision.objects.get(case=supervised_case, status="active") == weekly_level
    assert ContactLevelDecision.objects.filter(status="awaiting_approval").count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"reason": ""}, "Enter why you are changing the contact level"),
        ({"contacts": "0"}, "Contacts must be 1 or more"),
        ({"face_to_face": "3"}, "Face-to-face contacts cannot be more than the contacts"),
        ({"period_days": "10"}, "Select a valid choice"),
    ],
)
def test_bad_contact_levels_change_nothing(
    client, officer, supervised_case, weekly_level, overrides, message
):
    sign_in(client, officer)
    before = snapshot()

    response = client.post(
        reverse("cases:contact_level_change", args=[supervised_case.crn]), level_data(**overrides)
    )

    assert_error_page(response, message)
    assert snapshot() == before


def test_a_second_change_while_one_waits_is_refused(
    client, spo, supervised_case, pending_reduction
):
    sign_in(client, spo)
    before = snapshot()

    response = client.post(
        reverse("cases:contact_level_change", args=[supervised_case.crn]),
        level_data(period_days="7"),
    )

    assert_error_page(response, "already waiting for SPO approval")
    assert snapshot() == before


def test_applying_the_grid_sets_the_grid_level(client, officer, supervised_case):
    sign_in(client, officer)

    response = client.post(
        reverse("cases:contact_level_apply_grid", args=[supervised_case.crn]), follow=True
    )

    assert "The Grid is applied" in response.content.decode()
    level = ContactLevelDecision.objects.get(case=supervised_case, status="active")
    assert level.source == "grid"
    assert level.reason == f"Grid applied by {officer.get_full_name()}"
    assert level.history.get().history_user == officer


def test_applying_the_grid_without_a_grid_row_says_why(client, officer, case):
    case.tier = ""
    case.save()
    sign_in(client, officer)
    before = snapshot()

    response = client.post(reverse("cases:contact_level_apply_grid", args=[case.crn]), follow=True)

    assert "The Grid was not applied" in response.content.decode()
    assert snapshot() == before


def test_the_spo_approves_a_reduction(client, spo, officer, supervised_case, pending_reduction):
    sign_in(client, spo)

    response = client.post(
        reverse("cases:contact_level_decide", args=[supervised_case.crn, pending_reduction.pk]),
        {"decision": "approve", "note": ""},
    )

    assert response.status_code == 302
    pending_reduction.refresh_from_db()
    assert pending_reduction.status == ContactLevelStatus.ACTIVE
    assert pending_reduction.decided_by == spo
    assert pending_reduction.history.latest().history_user == spo


def test_the_officer_cannot_approve_their_own_reduction(
    client, officer, supervised_case, pending_reduction
):
    sign_in(client, officer)

    response = client.post(
        reverse("cases:contact_level_decide", args=[supervised_case.crn, pending_reduction.pk]),
        {"decision": "approve"},
    )

    assert response.status_code == 404
    pending_reduction.refresh_from_db()
    assert pending_reduction.status == ContactLevelStatus.AWAITING_APPROVAL


def test_declining_without_a_note_shows_the_decision_page_again(
    client, spo, supervised_case, pending_reduction
):
    sign_in(client, spo)
    before = snapshot()

    response = client.post(
        reverse("cases:contact_level_decide", args=[supervised_case.crn, pending_reduction.pk]),
        {"decision": "decline", "note": ""},
    )

    html = assert_error_page(response, "Say why the reduction is declined")
    assert "Decide on the contact level reduction" in html
    assert snapshot() == before


def test_the_spo_cannot_approve_their_own_request(
    client, spo, supervised_case, weekly_level, escalation
):
    own = services.contact_level_change(
        case=supervised_case, by=spo, contacts=1, period_days=42, face_to_face=1, reason="Stable"
    )
    sign_in(client, spo)

    response = client.post(
        reverse("cases:contact_level_decide", args=[supervised_case.crn, own.pk]),
        {"decision": "approve"},
    )

    assert_error_page(response, "You cannot approve your own request")
    own.refresh_from_db()
    assert own.status == ContactLevelStatus.AWAITING_APPROVAL


def test_a_decision_already_made_is_not_made_again(client, spo, supervised_case, pending_reduction):
    services.contact_level_decide(decision=pending_reduction, by=spo, approve=True)
    sign_in(client, spo)
    before = snapshot()

    response = client.post(
        reverse("cases:contact_level_decide", args=[supervised_case.crn, pending_reduction.pk]),
        {"decision": "decline", "note": "Changed my mind"},
    )

    assert_error_page(response, "already been decided")
    assert snapshot() == before


def test_a_decision_of_another_case_is_404(
    client, spo, officer, supervised_case, pending_reduction, team_a
):
    from tests.factories import CaseFactory

    sibling = CaseFactory(crn="A654321", team=team_a, responsible_officer=officer)
    sign_in(client, spo)

    response = client.post(
        reverse("cases:contact_level_decide", args=[sibling.crn, pending_reduction.pk]),
        {"decision": "approve"},
    )

    assert response.status_code == 404
    pending_reduction.refresh_from_db()
    assert pending_reduction.status == ContactLevelStatus.AWAITING_APPROVAL


# --- Escalation --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["officer", "spo"])
def test_an_escalation_is_raised(client, request, spo, supervised_case, persona):
    user = request.getfixturevalue(persona)
    sign_in(client, user)

    response = client.post(
        reverse("cases:escalation_raise", args=[supervised_case.crn]),
        {"reasons": "Police intelligence of weapons"},
    )

    assert response.status_code == 302
    escalation = Escalation.objects.get(case=supervised_case)
    assert escalation.raised_by == user and escalation.reasons == "Police intelligence of weapons"
    assert escalation.history.get().history_user == user


def test_raising_a_second_escalation_is_refused(client, officer, supervised_case, escalation):
    sign_in(client, officer)
    before = snapshot()

    response = client.post(
        reverse("cases:escalation_raise", args=[supervised_case.crn]), {"reasons": "Again"}
    )

    assert_error_page(response, "already has an open escalation")
    assert snapshot() == before


def test_raising_an_escalation_needs_reasons(client, officer, supervised_case):
    sign_in(client, officer)

    response = client.post(
        reverse("cases:escalation_raise", args=[supervised_case.crn]), {"reasons": ""}
    )

    assert_error_page(response, "Enter why the case must be escalated")
    assert not Escalation.objects.exists()


@pytest.mark.parametrize("persona", ["spo", "service_centre"])
def test_an_escalation_is_progressed_through_the_allowed_steps(
    client, request, supervised_case, escalation, persona
):
    user = request.getfixturevalue(persona)
    sign_in(client, user)
    url = reverse("cases:escalation_progress", args=[supervised_case.crn, escalation.pk])
    html = client.get(url).content.decode()
    # From raised, only referred or closed are offered.
    assert 'value="referred"' in html and 'value="closed"' in html
    assert 'value="accepted"' not in html

    response = client.post(url, {"to_status": "referred", "note": "Sent to the NPS hub"})

    assert response.status_code == 302
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.REFERRED
    assert escalation.history.latest().history_user == user


def test_an_escalation_cannot_skip_a_step(client, spo, supervised_case, escalation):
    sign_in(client, spo)
    before = snapshot()

    response = client.post(
        reverse("cases:escalation_progress", args=[supervised_case.crn, escalation.pk]),
        {"to_status": "accepted"},
    )

    assert_error_page(response, "Select one of the options shown")
    assert snapshot() == before


def test_closing_an_escalation_without_a_referral_needs_a_note(
    client, spo, supervised_case, escalation
):
    sign_in(client, spo)
    before = snapshot()

    response = client.post(
        reverse("cases:escalation_progress", args=[supervised_case.crn, escalation.pk]),
        {"to_status": "closed", "note": ""},
    )

    html = assert_error_page(response, "Say why the escalation is closed without a referral")
    assert 'href="#id_note"' in html
    assert snapshot() == before


# --- Limited access -------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["spo", "administrator"])
def test_staff_are_excluded_from_a_case(client, request, case, other_officer, persona):
    user = request.getfixturevalue(persona)
    sign_in(client, user, reason_for=case)
    url = reverse("cases:access_lists", args=[case.crn])

    response = client.post(
        url, {"staff": str(other_officer.pk), "kind": "exclusion", "reason": "Knows the family"}
    )

    assert response.status_code == 302
    assert response["Location"] == url
    entry = CaseAccessEntry.objects.get(case=case)
    assert (entry.staff, entry.kind, entry.added_by) == (other_officer, "exclusion", user)
    assert entry.history.get().history_user == user
    page = client.get(url).content.decode()
    assert "Knows the family" in page and other_officer.get_full_name() in page


def test_the_responsible_officer_cannot_be_excluded(client, spo, case, officer):
    sign_in(client, spo)
    before = snapshot()

    response = client.post(
        reverse("cases:access_lists", args=[case.crn]),
        {"staff": str(officer.pk), "kind": "exclusion", "reason": "Conflict"},
    )

    html = assert_error_page(response, "Reallocate the case before excluding")
    assert 'href="#id_staff"' in html
    assert snapshot() == before


def test_a_restriction_that_leaves_out_the_spo_sends_them_home(client, spo, case, colleague):
    sign_in(client, spo)

    response = client.post(
        reverse("cases:access_lists", args=[case.crn]),
        {"staff": str(colleague.pk), "kind": "restriction", "reason": "High-profile case"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert set(
        CaseAccessEntry.objects.filter(kind=AccessListKind.RESTRICTION).values_list(
            "staff", flat=True
        )
    ) == {colleague.pk, case.responsible_officer_id}
    assert client.get(reverse("cases:overview", args=[case.crn])).status_code == 404


def test_access_lists_need_a_reason(client, spo, case, other_officer):
    sign_in(client, spo)

    response = client.post(
        reverse("cases:access_lists", args=[case.crn]),
        {"staff": str(other_officer.pk), "kind": "exclusion", "reason": ""},
    )

    assert_error_page(response, "Enter why access is limited")
    assert not CaseAccessEntry.objects.exists()


def test_inactive_staff_are_not_offered(client, spo, case):
    StaffFactory(username="leaver", first_name="Lee", last_name="Leaver", is_active=False)
    sign_in(client, spo)

    html = client.get(reverse("cases:access_lists", args=[case.crn])).content.decode()

    assert "Lee Leaver" not in html


def test_the_error_summary_follows_the_order_of_the_page(client, service_centre, team_a):
    sign_in(client, service_centre)

    response = client.post(
        reverse("cases:create"),
        create_data(team_a, order_type="licence", index_offence="", crn="bad"),
    )

    html = assert_error_page(response)
    summary = html[html.index(ERROR_SUMMARY) : html.index("</ul>", html.index(ERROR_SUMMARY))]
    hrefs = re.findall(r'href="#([^"]+)"', summary)
    assert hrefs == ["id_crn", "release_date-day", "id_index_offence", "id_requirement_type"]
    # Each link lands on an input of the page.
    for anchor in hrefs:
        assert f'id="{anchor}"' in html
