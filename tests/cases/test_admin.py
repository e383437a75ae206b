"""The case record in the admin: scoped by the one access policy and logged."""

import datetime as dt

import pytest

from cases.allocation import services as allocation_services
from cases.models import (
    AccessListKind,
    Allocation,
    Case,
    Order,
    ServiceCentreTask,
)
from cases.risk import contact_levels
from cases.risk import services as risk_services
from crc.access.models import AccessKind, AccessLog
from tests.cases.helpers import ADMIN_REASON, CASE_MODELS, admin_url, give_admin_reason, person_form
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


def build_case_record(team, officer, spo, count: int) -> list[Case]:
    """Cases with a row in every case-record table, built through the services where
    the services own the writes."""
    cases = []
    for _ in range(count):
        case = CaseFactory(team=team)
        allocation_services.case_allocate(case=case, officer=officer, reason="New case", by=spo)
        order = OrderFactory(case=case, order_type="licence")
        RequirementFactory(order=order)
        LicenceConditionFactory(order=order, condition="Reside at approved address")
        risk_services.registration_add(
            case=case, by=officer, registration_type="domestic_abuse", notes="Partner"
        )
        risk_services.needs_record(case=case, by=officer, needs={"alcohol": "severe"})
        contact_levels.contact_level_apply_grid(case=case, by=officer, reason="Start")
        # RoSH very high raises an escalation, which makes a service-centre task.
        risk_services.risk_record(case=case, by=officer, rosh_overall="very_high")
        allocation_services.access_entry_add(
            case=case, by=spo, staff=StaffFactory(team=None), kind="exclusion", reason="Neighbour"
        )
        cases.append(case)
    return cases


@pytest.fixture
def hidden_from_administrator(team_a, administrator, spo):
    """A case the administrator is excluded from (say, a relative's)."""
    hidden = CaseFactory(crn="H123456", team=team_a, first_name="Hidden", last_name="Person")
    allocation_services.access_entry_add(
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
    client, request, persona, model, team_a, officer, spo, get_twice_as_rows_grow
):
    sign_in(client, request.getfixturevalue(persona))
    build_case_record(team_a, officer, spo, 2)
    response = get_twice_as_rows_grow(
        client,
        admin_url(model, "changelist"),
        lambda: build_case_record(team_a, officer, spo, 6),
        ceiling=20,
    )
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
    give_admin_reason(client, case)
    page = client.get(admin_url(Case, "changelist")).content.decode()
    assert case.crn in page
    assert hidden.crn not in page
    assert "Hidden" not in page
    # Counts too: one case, not two.
    assert "1 case" in page
    search = client.get(admin_url(Case, "changelist") + "?q=H123456").content.decode()
    assert "Hidden" not in search
    assert "1 total" in search
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
    # Nothing was shown, so nothing was logged as a view; every attempt was logged as
    # refused.
    rows = AccessLog.objects.filter(case_id=hidden.pk)
    assert set(rows.values_list("kind", flat=True)) == {AccessKind.DENIED}
    assert rows.count() == 7


def assert_hidden_from_then_shown_to(client, url: str, hidden_from, shown_to) -> None:
    """The admin page is the same 404 as a missing one for `hidden_from` (a case access list
    leaves them out) and opens for `shown_to`, in that order."""
    sign_in(client, hidden_from)
    assert client.get(url).status_code == 404
    sign_in(client, shown_to)
    assert client.get(url).status_code == 200


def test_allocation_history_is_scoped_and_logged(
    client, administrator, service_centre, case, colleague, spo
):
    allocation = allocation_services.case_allocate(
        case=case, officer=colleague, reason="Leave", by=spo
    )
    allocation_services.access_entry_add(
        case=case, by=spo, staff=administrator, kind=AccessListKind.EXCLUSION, reason="Relative"
    )
    assert_hidden_from_then_shown_to(
        client, admin_url(Allocation, "history", allocation.pk), administrator, service_centre
    )
    assert AccessLog.objects.get(kind=AccessKind.VIEW).page == "admin:cases_allocation_history"


def test_a_missing_case_is_the_same_404(client, administrator):
    sign_in(client, administrator)
    assert client.get(admin_url(Case, "change", 999999)).status_code == 404


def test_a_restriction_list_hides_the_case_from_an_administrator_not_named(
    client, administrator, service_centre, case, spo
):
    allocation_services.access_entry_add(
        case=case, by=spo, staff=service_centre, kind=AccessListKind.RESTRICTION, reason="Staff"
    )
    assert_hidden_from_then_shown_to(
        client, admin_url(Case, "change", case.pk), administrator, service_centre
    )


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
    give_admin_reason(client, case)
    client.get(admin_url(Case, "change", case.pk))
    row = AccessLog.objects.get()
    assert (row.kind, row.relationship, row.reason) == (
        AccessKind.VIEW,
        "administration",
        ADMIN_REASON,
    )


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
