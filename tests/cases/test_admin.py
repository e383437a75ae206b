"""The case record in the admin: scoped by the one access policy, logged, and unable
to bypass the services."""

import datetime as dt

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from cases import services
from cases.models import (
    AccessListKind,
    Allocation,
    Case,
    CaseAccessEntry,
    ContactLevelDecision,
    CriminogenicNeed,
    DeadlinePolicy,
    Escalation,
    GridRule,
    InterventionSuggestion,
    LicenceCondition,
    Order,
    Registration,
    RegistrationPolicy,
    Requirement,
    ServiceCentreTask,
    TaskStatus,
)
from crc.access.models import AccessKind, AccessLog
from tests.conftest import sign_in
from tests.factories import (
    CaseFactory,
    LicenceConditionFactory,
    OrderFactory,
    RequirementFactory,
    ServiceCentreTaskFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

CASE_MODELS = [
    Case,
    Order,
    Requirement,
    LicenceCondition,
    Allocation,
    Registration,
    CriminogenicNeed,
    ContactLevelDecision,
    Escalation,
    CaseAccessEntry,
    ServiceCentreTask,
    GridRule,
    RegistrationPolicy,
    DeadlinePolicy,
    InterventionSuggestion,
]


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:cases_{model._meta.model_name}_{view}", args=args)


def build_case_record(team, officer, spo, count: int) -> list[Case]:
    """Cases with a row in every case-record table, built through the services where
    the services own the writes."""
    cases = []
    for _ in range(count):
        case = CaseFactory(team=team)
        services.case_allocate(case=case, officer=officer, reason="New case", by=spo)
        order = OrderFactory(case=case, order_type="licence")
        RequirementFactory(order=order)
        LicenceConditionFactory(order=order, condition="Reside at approved address")
        services.registration_add(
            case=case, by=officer, registration_type="domestic_abuse", notes="Partner"
        )
        services.needs_record(case=case, by=officer, needs={"alcohol": "severe"})
        services.contact_level_apply_grid(case=case, by=officer, reason="Start")
        # RoSH very high raises an escalation, which makes a service-centre task.
        services.risk_record(case=case, by=officer, rosh_overall="very_high")
        services.access_entry_add(
            case=case, by=spo, staff=StaffFactory(team=None), kind="exclusion", reason="Neighbour"
        )
        cases.append(case)
    return cases


@pytest.fixture
def hidden_from_administrator(team_a, administrator, spo):
    """A case the administrator is excluded from (say, a relative's)."""
    hidden = CaseFactory(crn="H123456", team=team_a, first_name="Hidden", last_name="Person")
    services.access_entry_add(
        case=hidden, by=spo, staff=administrator, kind=AccessListKind.EXCLUSION, reason="Relative"
    )
    order = OrderFactory(case=hidden)
    ServiceCentreTaskFactory(
        case=hidden,
        kind="other",
        description="hidden task",
        due_date=dt.date(2026, 1, 1),
    )
    return hidden, order


# --- Lists -------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["service_centre", "administrator"])
@pytest.mark.parametrize("model", CASE_MODELS, ids=lambda m: m._meta.model_name)
def test_every_changelist_renders_in_bounded_queries(
    client, request, persona, model, team_a, officer, spo, django_assert_max_num_queries
):
    sign_in(client, request.getfixturevalue(persona))
    build_case_record(team_a, officer, spo, 2)
    with django_assert_max_num_queries(20) as small:
        assert client.get(admin_url(model, "changelist")).status_code == 200
    build_case_record(team_a, officer, spo, 6)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "?q=A123456",
        "?q=a123456",
        "?status__exact=active",
        "?tier=C2",
        "?rosh_overall__exact=high",
        "?sex__exact=female",
        "?_facets=1",
    ],
)
def test_case_list_searches_and_filters(client, service_centre, case, query):
    sign_in(client, service_centre)
    response = client.get(admin_url(Case, "changelist") + query)
    assert response.status_code == 200


def test_case_list_filters_by_area(client, service_centre, case, other_team_case, area):
    sign_in(client, service_centre)
    response = client.get(
        admin_url(Case, "changelist") + f"?team__office__area__id__exact={area.pk}"
    )
    assert response.status_code == 200
    assert case.crn in response.content.decode()


def test_task_list_filters_by_kind_status_due_date_and_overdue(client, service_centre, case):
    ServiceCentreTaskFactory(
        case=case,
        kind="warning_letter",
        description="late",
        due_date=dt.date(2020, 1, 1),
    )
    ServiceCentreTaskFactory(
        case=case,
        kind="breach_pack",
        description="soon",
        due_date=dt.date(2099, 1, 1),
    )
    sign_in(client, service_centre)
    url = admin_url(ServiceCentreTask, "changelist")
    overdue = client.get(url + "?overdue=yes").content.decode()
    assert ">late<" in overdue and ">soon<" not in overdue
    not_overdue = client.get(url + "?overdue=no").content.decode()
    assert ">soon<" in not_overdue and ">late<" not in not_overdue
    for query in ["?kind__exact=breach_pack", "?status__exact=open", "?due_date__gte=2026-01-01"]:
        assert client.get(url + query).status_code == 200


# --- Limited access binds administrators too ---------------------------------------------


def test_an_excluded_administrator_does_not_see_the_case_anywhere(
    client, administrator, case, hidden_from_administrator
):
    hidden, _ = hidden_from_administrator
    sign_in(client, administrator)
    page = client.get(admin_url(Case, "changelist")).content.decode()
    assert case.crn in page
    assert hidden.crn not in page
    assert "Hidden" not in page
    # Counts too: one case, not two.
    assert "1 case" in page
    search = client.get(admin_url(Case, "changelist") + "?q=H123456").content.decode()
    assert "Hidden" not in search
    assert "0 results" in search
    tasks = client.get(admin_url(ServiceCentreTask, "changelist")).content.decode()
    assert "hidden task" not in tasks


def test_an_excluded_administrator_gets_404_for_every_page_of_the_case(
    client, administrator, hidden_from_administrator
):
    hidden, order = hidden_from_administrator
    sign_in(client, administrator)
    history_id = hidden.history.first().history_id
    for url in [
        admin_url(Case, "change", hidden.pk),
        admin_url(Case, "history", hidden.pk),
        admin_url(Case, "simple_history", hidden.pk, history_id),
        admin_url(Case, "delete", hidden.pk),
        admin_url(Order, "change", order.pk),
        admin_url(Order, "history", order.pk),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(admin_url(Case, "change", hidden.pk), {"first_name": "X"}).status_code == 404
    hidden.refresh_from_db()
    assert hidden.first_name == "Hidden"
    # Nothing was shown, so nothing was logged as a view.
    assert not AccessLog.objects.filter(case_id=hidden.pk).exists()


def test_allocation_history_is_scoped_and_logged(
    client, administrator, service_centre, case, colleague, spo
):
    allocation = services.case_allocate(case=case, officer=colleague, reason="Leave", by=spo)
    services.access_entry_add(
        case=case, by=spo, staff=administrator, kind=AccessListKind.EXCLUSION, reason="Relative"
    )
    sign_in(client, administrator)
    assert client.get(admin_url(Allocation, "history", allocation.pk)).status_code == 404
    sign_in(client, service_centre)
    assert client.get(admin_url(Allocation, "history", allocation.pk)).status_code == 200
    assert AccessLog.objects.get().page == "admin:cases_allocation_history"


def test_a_missing_case_is_the_same_404(client, administrator):
    sign_in(client, administrator)
    assert client.get(admin_url(Case, "change", 999999)).status_code == 404


def test_a_restriction_list_hides_the_case_from_an_administrator_not_named(
    client, administrator, service_centre, case, spo
):
    services.access_entry_add(
        case=case, by=spo, staff=service_centre, kind=AccessListKind.RESTRICTION, reason="Staff"
    )
    sign_in(client, administrator)
    assert client.get(admin_url(Case, "change", case.pk)).status_code == 404
    sign_in(client, service_centre)
    assert client.get(admin_url(Case, "change", case.pk)).status_code == 200


# --- The access log ----------------------------------------------------------------------


def test_viewing_a_case_in_the_admin_writes_one_access_log_row(client, service_centre, case):
    sign_in(client, service_centre)
    response = client.get(admin_url(Case, "change", case.pk))
    assert response.status_code == 200
    row = AccessLog.objects.get()
    assert row.kind == AccessKind.VIEW
    assert row.page == "admin:cases_case_change"
    assert (row.staff, row.case_id, row.case_crn) == (service_centre, case.pk, case.crn)
    assert row.relationship == "service centre"
    assert row.method == "GET"


def test_an_administrator_view_is_logged_as_administration(client, administrator, case):
    sign_in(client, administrator)
    client.get(admin_url(Case, "change", case.pk))
    row = AccessLog.objects.get()
    assert (row.kind, row.relationship) == (AccessKind.VIEW, "administration")


def test_saving_a_case_in_the_admin_logs_a_change(client, service_centre, case):
    sign_in(client, service_centre)
    client.post(admin_url(Case, "change", case.pk), person_form(case, phone="020 7946 0000"))
    row = AccessLog.objects.get()
    assert (row.kind, row.method, row.page) == (
        AccessKind.CHANGE,
        "POST",
        "admin:cases_case_change",
    )


def test_viewing_a_case_history_is_logged_too(client, service_centre, case):
    sign_in(client, service_centre)
    assert client.get(admin_url(Case, "history", case.pk)).status_code == 200
    assert AccessLog.objects.get().page == "admin:cases_case_history"


# --- Writes go through the services ------------------------------------------------------


def person_form(case: Case, **changes) -> dict:
    data = {
        "first_name": case.first_name,
        "last_name": case.last_name,
        "preferred_name": case.preferred_name,
        "date_of_birth": case.date_of_birth.isoformat(),
        "sex": case.sex,
        "gender_identity": case.gender_identity,
        "ethnicity": case.ethnicity,
        "disability": "unknown",
        "disability_details": "",
        "reasonable_adjustments": "",
        "religion": "",
        "first_language": "",
        "caring_responsibilities": "",
        "address": "",
        "postcode": "",
        "accommodation_status": "",
        "employment_status": "",
        "phone": "",
        "email": "",
        "orders-TOTAL_FORMS": "0",
        "orders-INITIAL_FORMS": "0",
        "orders-MIN_NUM_FORMS": "0",
        "orders-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_service_centre_corrects_person_details_with_history(client, service_centre, case):
    sign_in(client, service_centre)
    response = client.post(
        admin_url(Case, "change", case.pk), person_form(case, last_name="Corrected")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    case.refresh_from_db()
    assert case.last_name == "Corrected"
    assert case.history.first().history_user == service_centre


def test_a_corrected_sex_recalculates_the_tier(client, service_centre, case, officer):
    services.risk_record(case=case, by=officer, parenting_responsibilities=True)
    case.refresh_from_db()
    assert case.tier_working["protect_points"] == 0
    sign_in(client, service_centre)
    response = client.post(admin_url(Case, "change", case.pk), person_form(case, sex="female"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.sex == "female"
    # Women's complexity factors count only for women: the tier moved with the sex.
    assert case.tier_working["protect_points"] > 0


def test_derived_and_service_owned_fields_cannot_be_posted(
    client, service_centre, case, other_officer, team_b
):
    sign_in(client, service_centre)
    response = client.post(
        admin_url(Case, "change", case.pk),
        person_form(
            case,
            tier="A3",
            rosh_overall="very_high",
            responsible_officer=other_officer.pk,
            team=team_b.pk,
            status="terminated",
            crn="Z999999",
            ogrs_score="90",
            mappa_level="3",
        ),
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.tier, case.rosh_overall, case.status, case.crn) == ("C2", "", "active", "A123456")
    assert (case.responsible_officer_id, case.team_id) != (other_officer.pk, team_b.pk)
    assert case.ogrs_score is None and case.mappa_level is None


def test_cases_are_not_added_in_the_admin(client, administrator):
    sign_in(client, administrator)
    assert client.get(admin_url(Case, "add")).status_code == 403


@pytest.mark.parametrize("persona", ["service_centre", "administrator"])
def test_nobody_deletes_a_case_in_the_admin(client, request, persona, case):
    sign_in(client, request.getfixturevalue(persona))
    assert client.post(admin_url(Case, "delete", case.pk), {"post": "yes"}).status_code == 403
    client.post(
        admin_url(Case, "changelist"),
        {"action": "delete_selected", "_selected_action": [case.pk], "post": "yes"},
    )
    assert Case.objects.filter(pk=case.pk).exists()


@pytest.mark.parametrize("model", CASE_MODELS, ids=lambda m: m._meta.model_name)
def test_service_centre_may_delete_nothing(service_centre, model):
    request = RequestFactory().get("/admin/")
    request.user = service_centre
    model_admin = site._registry[model]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert not service_centre.has_perm(f"cases.delete_{model._meta.model_name}")


def test_case_history_cannot_be_reverted_from_the_admin(client, administrator, case):
    case.first_name = "Changed"
    case.save()
    first = case.history.earliest()
    sign_in(client, administrator)
    url = admin_url(Case, "simple_history", case.pk, first.history_id)
    assert client.get(url).status_code == 200
    assert client.post(url, person_form(case)).status_code == 403
    case.refresh_from_db()
    assert case.first_name == "Changed"


def test_read_only_records_cannot_be_changed(client, service_centre, case):
    order = OrderFactory(case=case)
    sign_in(client, service_centre)
    url = admin_url(Order, "change", order.pk)
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert client.post(url, {"court": "Elsewhere"}).status_code == 403
    assert AccessLog.objects.filter(page="admin:cases_order_change", case_id=case.pk).exists()


def test_service_centre_completes_a_task_from_the_list(client, service_centre, case):
    task = ServiceCentreTaskFactory(
        case=case,
        kind="warning_letter",
        description="Send it",
        due_date=dt.date(2026, 1, 5),
    )
    sign_in(client, service_centre)
    response = client.post(
        admin_url(ServiceCentreTask, "changelist"),
        {"action": "mark_done", "_selected_action": [str(task.pk)]},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert task.completed_by == service_centre
    assert task.completed_at is not None
    assert task.history.first().history_user == service_centre


# --- Policy tables -----------------------------------------------------------------------


def test_the_grid_lists_all_26_cells(client, administrator):
    sign_in(client, administrator)
    response = client.get(admin_url(GridRule, "changelist"))
    assert GridRule.objects.count() == 26
    assert "26 grid rules" in response.content.decode()
    assert response.content.decode().count('class="field-tier"') == 26


def test_administrator_edits_a_grid_cell_with_history(client, administrator):
    rule = GridRule.objects.get(tier="B2", phase="main")
    sign_in(client, administrator)
    response = client.post(
        admin_url(GridRule, "change", rule.pk),
        {"contacts": "3", "period_days": "28", "face_to_face": "2"},
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.contacts, rule.period_days, rule.face_to_face) == (3, 28, 2)
    assert rule.history.first().history_user == administrator
    assert rule.history.first().contacts == 3


def test_face_to_face_cannot_exceed_contacts(client, administrator):
    rule = GridRule.objects.get(tier="B2", phase="main")
    before = (rule.contacts, rule.period_days, rule.face_to_face)
    sign_in(client, administrator)
    response = client.post(
        admin_url(GridRule, "change", rule.pk),
        {"contacts": "2", "period_days": "28", "face_to_face": "3"},
    )
    assert response.status_code == 200
    assert "Face-to-face contacts must be no more than the contacts in the period (2)" in (
        response.content.decode()
    )
    rule.refresh_from_db()
    assert (rule.contacts, rule.period_days, rule.face_to_face) == before


def test_grid_cells_are_neither_added_nor_deleted(client, administrator):
    rule = GridRule.objects.first()
    sign_in(client, administrator)
    assert client.get(admin_url(GridRule, "add")).status_code == 403
    assert client.post(admin_url(GridRule, "delete", rule.pk), {"post": "yes"}).status_code == 403


@pytest.mark.parametrize(
    "model, data",
    [
        (DeadlinePolicy, {"description": "Changed", "working_days": "7"}),
        (RegistrationPolicy, {"review_months": "4"}),
        (InterventionSuggestion, None),
    ],
)
def test_administrator_edits_policy_with_history(client, administrator, model, data):
    row = model.objects.first()
    sign_in(client, administrator)
    if data is None:
        data = {"trigger": row.trigger, "value": row.value, "intervention": "Renamed"}
    response = client.post(admin_url(model, "change", row.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert row.history.first().history_user == administrator


@pytest.mark.parametrize(
    "model", [GridRule, RegistrationPolicy, DeadlinePolicy, InterventionSuggestion]
)
def test_service_centre_only_views_policy(client, service_centre, model):
    row = model.objects.first()
    sign_in(client, service_centre)
    assert client.get(admin_url(model, "changelist")).status_code == 200
    page = client.get(admin_url(model, "change", row.pk))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert client.post(admin_url(model, "change", row.pk), {}).status_code == 403
    assert client.get(admin_url(model, "add")).status_code == 403
    row.save()  # migration-seeded rows have no history row of their own yet
    history = row.history.first()
    revert = client.post(admin_url(model, "simple_history", row.pk, history.history_id), {})
    assert revert.status_code == 403
