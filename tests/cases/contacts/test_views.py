"""The Contacts tab and its forms: who may use each, what a good submission does, that
bad input changes nothing, and that query counts do not grow with the rows shown."""

import datetime as dt

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from cases.contacts import selectors, services
from cases.models import (
    Appointment,
    AppointmentStatus,
    AttendanceOutcome,
    Contact,
    EnforcementAction,
    ServiceCentreTask,
    SignificantChange,
    TaskStatus,
)
from tests.cases.contacts.conftest import make_contact
from tests.cases.helpers import case_page, date_data, sign_in
from tests.factories import (
    AppointmentFactory,
    CaseAccessEntryFactory,
    CaseFactory,
    EnforcementActionFactory,
    ServiceCentreTaskFactory,
)

pytestmark = pytest.mark.django_db

ERROR_SUMMARY = "govuk-error-summary"
RECORDERS = ["officer", "spo"]
READERS_ONLY = ["colleague", "qpm", "area_manager", "service_centre"]
OUT_OF_SCOPE = ["other_officer"]


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Appointment, Contact, EnforcementAction, ServiceCentreTask, SignificantChange)
    }


def contact_data(**overrides):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    data = {
        "contact_type": "office",
        **date_data("date", yesterday),
        "time": "10:30",
        "outcome": "complied",
        "check_in": "Settled at his mother's.",
        "summary": "Engaged well.",
    }
    data.update(overrides)
    return data


def urls(case, failure):
    return [
        reverse("cases:contact_new", args=[case.crn]),
        reverse("cases:appointment_new", args=[case.crn]),
        reverse("cases:significant_change_new", args=[case.crn]),
        reverse("cases:enforcement_decide", args=[case.crn, failure.pk]),
    ]


# --- Routing ------------------------------------------------------------


def test_the_lists_across_cases_are_not_taken_for_a_crn():
    assert resolve("/cases/my/appointments/").url_name == "appointments_needing_outcome"
    assert resolve("/cases/my/tasks/").url_name == "service_centre_tasks"
    assert resolve("/cases/A123456/contacts/").url_name == "contacts"


# --- Who may do what ------------------------------------------------------------


@pytest.mark.parametrize("persona", RECORDERS)
def test_the_officer_and_spo_may_open_the_forms(client, request, supervised, persona):
    failure = make_contact(supervised, outcome=AttendanceOutcome.UNACCEPTABLE_ABSENCE)
    sign_in(client, request.getfixturevalue(persona))
    for url in urls(supervised, failure):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", READERS_ONLY + OUT_OF_SCOPE)
def test_others_get_404_on_the_forms_and_nothing_is_saved(client, request, supervised, persona):
    failure = make_contact(supervised, outcome=AttendanceOutcome.UNACCEPTABLE_ABSENCE)
    sign_in(client, request.getfixturevalue(persona))
    before = counts()
    for url in urls(supervised, failure):
        assert client.get(url).status_code == 404, url
    assert client.post(urls(supervised, failure)[0], contact_data()).status_code == 404
    assert counts() == before


@pytest.mark.parametrize("persona", RECORDERS + READERS_ONLY)
def test_everyone_in_scope_reads_the_tab(client, request, supervised, persona):
    make_contact(supervised, summary="Talked about work")
    sign_in(client, request.getfixturevalue(persona))
    response = client.get(reverse("cases:contacts", args=[supervised.crn]))
    assert response.status_code == 200
    assert "Talked about work" in response.content.decode()
    assert ("Record a contact" in response.content.decode()) is (persona in RECORDERS)


def test_out_of_scope_the_tab_is_404(client, other_officer, supervised):
    sign_in(client, other_officer)
    assert client.get(reverse("cases:contacts", args=[supervised.crn])).status_code == 404


# --- Recording contacts ------------------------------------------------------------


def test_the_officer_records_a_crissa_contact(client, officer, supervised):
    sign_in(client, officer)
    response = client.post(
        reverse("cases:contact_new", args=[supervised.crn]), contact_data(sensitive="on")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:contacts", args=[supervised.crn])
    contact = Contact.objects.get()
    assert (contact.check_in, contact.sensitive, contact.recorded_by) == (
        "Settled at his mother's.",
        True,
        officer,
    )


def test_an_unacceptable_absence_leads_to_the_enforcement_decision(client, officer, supervised):
    sign_in(client, officer)
    response = client.post(
        reverse("cases:contact_new", args=[supervised.crn]),
        contact_data(
            outcome="unacceptable_absence",
            absence_reason="Said he forgot",
            summary="",
        ),
    )
    contact = Contact.objects.get()
    assert contact.outcome == AttendanceOutcome.UNACCEPTABLE_ABSENCE
    assert response["Location"] == reverse(
        "cases:enforcement_decide", args=[supervised.crn, contact.pk]
    )


def test_recording_the_outcome_of_an_appointment(client, officer, supervised):
    appointment = AppointmentFactory(
        case=supervised, contact_type="office", starts_at=timezone.now() - dt.timedelta(hours=3)
    )
    sign_in(client, officer)
    url = reverse("cases:contact_new", args=[supervised.crn]) + f"?appointment={appointment.pk}"
    assert client.get(url).status_code == 200
    response = client.post(url, contact_data())
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.OUTCOME_RECORDED


def test_another_cases_appointment_is_404(client, officer, supervised, other_team_case):
    appointment = AppointmentFactory(
        case=other_team_case, contact_type="office", starts_at=timezone.now()
    )
    sign_in(client, officer)
    url = reverse("cases:contact_new", args=[supervised.crn]) + f"?appointment={appointment.pk}"
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"contact_type": ""}, "Choose the type of contact"),
        ({"date_day": "31", "date_month": "2"}, "Enter a real date"),
        ({"time": "25:00"}, "Enter a time like"),
        ({"outcome": ""}, "Choose what happened"),
        ({"outcome": "lost"}, "Select a valid choice"),
        ({"summary": ""}, "Write a summary of the contact"),
        (
            {"outcome": "acceptable_absence"},
            "Say why the absence was acceptable",
        ),
        ({"significant_change": "on"}, "Choose the kind of change"),
    ],
)
def test_bad_contact_input_shows_an_error_and_saves_nothing(
    client, officer, supervised, overrides, message
):
    sign_in(client, officer)
    before = counts()
    response = client.post(
        reverse("cases:contact_new", args=[supervised.crn]), contact_data(**overrides)
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert ERROR_SUMMARY in body
    assert message in body
    assert counts() == before


def test_the_revealed_fields_are_in_the_page_without_javascript(client, officer, supervised):
    body = case_page(client, officer, "cases:contact_new", supervised)
    # Conditional content is rendered server-side; GOV.UK Frontend hides it only once its
    # script has run (.govuk-frontend-supported), so it is usable without JavaScript.
    assert "govuk-checkboxes__conditional" in body
    assert 'name="change_category"' in body
    assert 'name="absence_reason"' in body


def test_deciding_an_absence_later(client, officer, supervised):
    contact = make_contact(supervised, outcome=AttendanceOutcome.ABSENCE_TO_DECIDE, summary="")
    sign_in(client, officer)
    url = reverse("cases:absence_decide", args=[supervised.crn, contact.pk])
    response = client.post(url, {"acceptable": "yes", "reason": "Ill"})
    assert ERROR_SUMMARY in response.content.decode()
    response = client.post(url, {"acceptable": "no"})
    assert response["Location"] == reverse(
        "cases:enforcement_decide", args=[supervised.crn, contact.pk]
    )


# --- Enforcement ------------------------------------------------------------


def test_the_enforcement_page_offers_what_the_rule_allows(client, officer, supervised):
    first = make_contact(supervised, days_ago=30, outcome=AttendanceOutcome.UNACCEPTABLE_ABSENCE)
    action = services.enforcement_decide(contact=first, by=officer, kind="warning")
    action.decided_at = first.happened_at + dt.timedelta(days=1)
    action.save()
    second = make_contact(supervised, outcome=AttendanceOutcome.UNACCEPTABLE_ABSENCE)
    sign_in(client, officer)
    url = reverse("cases:enforcement_decide", args=[supervised.crn, second.pk])
    body = client.get(url).content.decode()
    assert 'value="breach"' in body
    assert 'value="warning"' not in body
    assert "The law requires breach action" in body
    # A forged warning is refused on the form.
    response = client.post(url, {"kind": "warning"})
    assert ERROR_SUMMARY in response.content.decode()
    assert EnforcementAction.objects.count() == 1


def test_no_enforcement_without_a_judgement_is_refused(client, officer, supervised):
    failure = make_contact(supervised, outcome=AttendanceOutcome.ATTENDED_FAILED)
    sign_in(client, officer)
    url = reverse("cases:enforcement_decide", args=[supervised.crn, failure.pk])
    before = counts()
    response = client.post(url, {"kind": "no_action", "justification": ""})
    assert "Record the professional judgement" in response.content.decode()
    assert counts() == before
    response = client.post(url, {"kind": "warning"})
    assert response.status_code == 302
    assert ServiceCentreTask.objects.get().source_key.endswith(":letter")


def test_enforcement_for_a_contact_that_is_not_a_failure_is_404(client, officer, supervised):
    contact = make_contact(supervised)
    sign_in(client, officer)
    url = reverse("cases:enforcement_decide", args=[supervised.crn, contact.pk])
    assert client.get(url).status_code == 404


# --- Appointments and significant change --------------------------------------


def test_booking_an_appointment(client, officer, supervised, colleague):
    sign_in(client, officer)
    day = timezone.localdate() + dt.timedelta(days=3)
    data = {
        "contact_type": "home_visit",
        **date_data("date", day),
        "time": "14:30",
        "location": "Home",
        "with_staff": str(colleague.pk),
    }
    response = client.post(reverse("cases:appointment_new", args=[supervised.crn]), data)
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert timezone.localtime(appointment.starts_at).time() == dt.time(14, 30)
    assert appointment.with_staff == colleague


def test_booking_in_the_past_is_refused(client, officer, supervised):
    sign_in(client, officer)
    day = timezone.localdate() - dt.timedelta(days=3)
    data = {"contact_type": "office", **date_data("date", day), "time": "14:30"}
    response = client.post(reverse("cases:appointment_new", args=[supervised.crn]), data)
    assert ERROR_SUMMARY in response.content.decode()
    assert not Appointment.objects.exists()


def test_recording_a_significant_change(client, officer, supervised):
    sign_in(client, officer)
    url = reverse("cases:significant_change_new", args=[supervised.crn])
    data = {"category": "arrest", "description": "Arrested on Saturday"}
    response = client.post(url, {**data, **date_data("occurred_on", timezone.localdate())})
    assert response.status_code == 302
    assert SignificantChange.objects.get().recorded_by == officer
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(url, {**data, **date_data("occurred_on", tomorrow)})
    assert ERROR_SUMMARY in response.content.decode()
    assert SignificantChange.objects.count() == 1


# --- Sensitive contacts ------------------------------------------------------------


def test_a_sensitive_contact_is_tagged_and_its_text_behind_details_for_the_officer(
    client, officer, supervised
):
    make_contact(supervised, sensitive=True, summary="Disclosed abuse in childhood")
    body = case_page(client, officer, "cases:contacts", supervised)
    assert "Sensitive</strong>" in body
    assert "Show the sensitive contact" in body
    assert "Disclosed abuse in childhood" in body


def test_a_colleague_sees_the_tag_and_never_the_text(client, colleague, supervised):
    make_contact(supervised, sensitive=True, summary="Disclosed abuse in childhood")
    body = case_page(client, colleague, "cases:contacts", supervised)
    assert "Sensitive</strong>" in body
    assert "Disclosed abuse in childhood" not in body


# --- Lists across cases ------------------------------------------------------------


def test_appointments_needing_an_outcome(client, officer, supervised, other_team_case):
    old = AppointmentFactory(
        case=supervised, contact_type="office", starts_at=timezone.now() - dt.timedelta(days=3)
    )
    newer = AppointmentFactory(
        case=supervised, contact_type="video", starts_at=timezone.now() - dt.timedelta(days=1)
    )
    AppointmentFactory(
        case=supervised, contact_type="office", starts_at=timezone.now() + dt.timedelta(days=1)
    )
    AppointmentFactory(
        case=other_team_case, contact_type="office", starts_at=timezone.now() - dt.timedelta(days=1)
    )
    assert list(selectors.appointments_needing_outcome(user=officer)) == [old, newer]
    sign_in(client, officer)
    body = client.get(reverse("cases:appointments_needing_outcome")).content.decode()
    assert f"?appointment={old.pk}" in body
    assert body.index(f"?appointment={old.pk}") < body.index(f"?appointment={newer.pk}")


@pytest.mark.parametrize("persona", ["qpm", "service_centre", "area_manager", "administrator"])
def test_the_appointments_list_is_for_case_holders(client, request, persona):
    sign_in(client, request.getfixturevalue(persona))
    assert client.get(reverse("cases:appointments_needing_outcome")).status_code == 404


@pytest.mark.parametrize("persona", ["officer", "spo", "qpm", "area_manager"])
def test_the_task_list_is_for_the_service_centre(client, request, persona):
    sign_in(client, request.getfixturevalue(persona))
    assert client.get(reverse("cases:service_centre_tasks")).status_code == 404


def test_the_service_centre_works_the_task_list(client, officer, service_centre, supervised):
    failure = make_contact(supervised, outcome=AttendanceOutcome.UNACCEPTABLE_ABSENCE)
    services.enforcement_decide(contact=failure, by=officer, kind="warning")
    overdue = ServiceCentreTaskFactory(
        case=supervised,
        kind="breach_pack",
        description="Old pack",
        due_date=timezone.localdate() - dt.timedelta(days=3),
    )
    sign_in(client, service_centre)
    body = client.get(reverse("cases:service_centre_tasks")).content.decode()
    assert body.index("Old pack") < body.index("Send the warning letter")
    assert "Overdue" in body
    body = client.get(reverse("cases:service_centre_tasks") + "?kind=warning_letter").content
    assert b"Old pack" not in body
    response = client.post(reverse("cases:service_centre_task_done", args=[overdue.pk]))
    assert response.status_code == 302
    overdue.refresh_from_db()
    assert overdue.status == TaskStatus.DONE


def test_a_hidden_cases_task_cannot_be_marked_done(client, service_centre, supervised):
    task = ServiceCentreTaskFactory(
        case=supervised,
        kind="other",
        description="x",
        due_date=timezone.localdate(),
    )
    CaseAccessEntryFactory(
        case=supervised, staff=service_centre, kind="exclusion", reason="Neighbour"
    )
    sign_in(client, service_centre)
    assert client.post(reverse("cases:service_centre_task_done", args=[task.pk])).status_code == 404
    assert b"Neighbour" not in client.get(reverse("cases:service_centre_tasks")).content


# --- Queries stay bounded ------------------------------------------------------------


def _fill(case, officer, n):
    for i in range(n):
        contact = make_contact(
            case,
            days_ago=i % 60 + 1,
            outcome=AttendanceOutcome.UNACCEPTABLE_ABSENCE if i % 5 == 0 else "complied",
            recorded_by=officer,
            sensitive=i % 7 == 0,
        )
        AppointmentFactory(
            case=case, contact_type="office", starts_at=timezone.now() - dt.timedelta(hours=i + 1)
        )
        if i % 10 == 0:
            EnforcementActionFactory(
                case=case, failure=contact, kind="warning", decided_at=timezone.now()
            )


def _queries(client, url, django_assert_max_num_queries, n_queries):
    with django_assert_max_num_queries(n_queries) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", ["cases:contacts", "cases:appointments_needing_outcome"])
def test_query_counts_do_not_grow_with_rows(
    client, officer, supervised, django_assert_max_num_queries, url_name
):
    sign_in(client, officer)
    url = (
        reverse(url_name, args=[supervised.crn])
        if url_name == "cases:contacts"
        else reverse(url_name)
    )
    _fill(supervised, officer, 5)
    few = _queries(client, url, django_assert_max_num_queries, 40)
    _fill(supervised, officer, 45)
    many = _queries(client, url, django_assert_max_num_queries, 40)
    assert many == few


def test_grid_compliance_for_cases_in_three_queries(
    supervised, officer, team_a, django_assert_num_queries
):
    others = [CaseFactory(team=team_a, responsible_officer=officer) for _ in range(5)]
    make_contact(supervised, days_ago=2)
    with django_assert_num_queries(3):
        statuses = selectors.grid_compliance_for_cases([supervised.pk, *(c.pk for c in others)])
    assert statuses[supervised.pk].text == "Met"
    assert statuses[others[0].pk] is None  # no contact level in force
