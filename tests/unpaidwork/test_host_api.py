"""The placement host's API (scope `unpaid-work`): its own projects' sessions and who to
expect, nothing of anyone else's; outcomes posted idempotently; every person disclosed
logged; out of scope is 404."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.models import Contact
from crc.access.models import AccessKind, AccessLog
from crc.organisation.models import PartnerType
from tests.factories import (
    AttendanceFactory,
    CaseFactory,
    ProjectFactory,
    ProjectSessionFactory,
    UnpaidWorkOrderFactory,
)
from tests.partners import make_partner
from unpaidwork.models import Outcome

pytestmark = pytest.mark.django_db

SESSIONS = "/api/v1/unpaid-work/sessions/"


@pytest.fixture
def host(db):
    return make_partner("Islington Parks Trust", PartnerType.UNPAID_WORK_HOST)


@pytest.fixture
def other_host(db):
    return make_partner("Hackney Food Bank", PartnerType.UNPAID_WORK_HOST)


def yesterday_session(organisation, **extra):
    project = ProjectFactory(host=organisation)
    return ProjectSessionFactory(
        project=project, date=timezone.localdate() - dt.timedelta(days=1), **extra
    )


@pytest.fixture
def attendance(host, team_a):
    session = yesterday_session(host.organisation)
    case = CaseFactory(
        team=team_a, rosh_overall="high", rosh_staff="medium", address="12 Secret Street"
    )
    order = UnpaidWorkOrderFactory(requirement__order__case=case)
    return AttendanceFactory(session=session, order=order)


def outcome_url(attendance):
    return f"/api/v1/unpaid-work/attendances/{attendance.pk}/outcome/"


def post_outcome(client, attendance, body: dict, key: str):
    """Post an attendance's outcome as a host's system does: JSON with an Idempotency-Key."""
    return client.post(outcome_url(attendance), body, format="json", HTTP_IDEMPOTENCY_KEY=key)


def complied(attendance, **extra):
    return {
        "version": attendance.version,
        "outcome": Outcome.COMPLIED,
        "started_at": "09:00",
        "ended_at": "16:00",
        "penalty_minutes": 15,
        "work_quality": 4,
        "behaviour": 5,
        **extra,
    }


def absent(attendance):
    """An unacceptable absence: the outcome alone, nothing else to say."""
    return {"version": attendance.version, "outcome": Outcome.UNACCEPTABLE_ABSENCE}


def test_a_host_sees_its_own_sessions_with_who_to_expect_and_only_the_redacted_view(
    host, attendance
):
    response = host.client(acting_person="Sam at the Trust").get(SESSIONS)
    assert response.status_code == 200
    (session,) = response.json()["results"]
    assert session["id"] == attendance.session_id
    (row,) = session["attendances"]
    person = row["person"]
    case = attendance.order.case
    assert set(person) == {"crn", "first_name", "last_name", "risk"}
    assert person["crn"] == case.crn
    assert person["risk"]["overall_rosh"] == "high"
    assert case.address not in str(response.json())
    assert row["outcome"] == "expected" and row["version"] == attendance.version


def test_a_host_sees_only_its_own_projects_sessions(host, other_host, attendance):
    assert other_host.client().get(SESSIONS).json()["results"] == []
    detail = other_host.client().get(f"{SESSIONS}{attendance.session_id}/")
    assert detail.status_code == 404
    posted = post_outcome(other_host.client(), attendance, complied(attendance), "k1")
    assert posted.status_code == 404
    attendance.refresh_from_db()
    assert attendance.outcome == Outcome.EXPECTED
    # The refusals are logged as refused attempts; nothing was disclosed.
    assert not AccessLog.objects.exclude(kind=AccessKind.DENIED).exists()
    assert AccessLog.objects.filter(
        kind=AccessKind.DENIED, case_id=attendance.order.case_id
    ).exists()


def test_other_partner_types_reach_nothing_here(attendance):
    police = make_partner("Met", PartnerType.POLICE)
    assert police.client().get(SESSIONS).status_code == 404


def test_reading_sessions_needs_the_read_scope(host, attendance):
    response = host.client(scopes=["unpaid-work:write"]).get(SESSIONS)
    assert response.status_code == 403
    assert response.json()["required_scopes"] == ["unpaid-work:read"]


def test_every_person_in_a_list_is_logged_once_as_a_disclosure(host, attendance):
    host.client(acting_person="Sam").get(SESSIONS)
    (row,) = AccessLog.objects.all()
    assert row.kind == AccessKind.DISCLOSURE
    assert row.case_id == attendance.order.case_id
    assert row.partner_organisation == host.organisation
    assert row.acting_person == "Sam"
    assert row.reason == f"expected at unpaid work session {attendance.session_id}"


def test_posting_an_outcome_records_it_once_and_a_retry_replays_it(host, attendance):
    client = host.client()
    body = complied(attendance)
    first = post_outcome(client, attendance, body, "a-1")
    assert first.status_code == 200, first.json()
    assert first.json()["outcome"] == "complied"
    again = post_outcome(client, attendance, body, "a-1")
    assert again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    attendance.refresh_from_db()
    assert (attendance.outcome, attendance.worked_minutes) == (Outcome.COMPLIED, 7 * 60 - 15)
    assert AccessLog.objects.filter(kind=AccessKind.CHANGE).count() == 2


def test_the_same_key_with_another_body_is_422_and_changes_nothing(host, attendance):
    client = host.client()
    post_outcome(client, attendance, complied(attendance), "k")
    other = post_outcome(client, attendance, absent(attendance), "k")
    assert other.status_code == 422
    attendance.refresh_from_db()
    assert attendance.outcome == Outcome.COMPLIED


def test_a_second_outcome_or_a_stale_version_is_409(host, attendance):
    client = host.client()
    post_outcome(client, attendance, complied(attendance), "1")
    again = post_outcome(client, attendance, complied(attendance, outcome=Outcome.SENT_HOME), "2")
    assert again.status_code == 409


def test_bad_input_is_400_with_field_errors_and_nothing_changes(host, attendance):
    response = post_outcome(
        host.client(),
        attendance,
        {"version": attendance.version, "outcome": "stood_down", "travel_minutes": 999},
        "bad",
    )
    assert response.status_code == 400
    assert {"outcome", "travel_minutes"} <= set(response.json())
    attendance.refresh_from_db()
    assert attendance.outcome == Outcome.EXPECTED
    missing_key = host.client().post(outcome_url(attendance), complied(attendance), format="json")
    assert missing_key.status_code == 400


def test_an_unacceptable_absence_posted_by_the_host_enters_enforcement(host, attendance):
    response = post_outcome(host.client(), attendance, absent(attendance), "absent")
    assert response.status_code == 200
    contact = Contact.objects.get(case=attendance.order.case)
    assert contact.is_failure


def test_the_list_pages_by_cursor_and_its_queries_do_not_grow_with_rows(
    host, team_a, django_assert_max_num_queries
):
    project = ProjectFactory(host=host.organisation)
    for days in range(3):
        session = ProjectSessionFactory(
            project=project, date=timezone.localdate() + dt.timedelta(days=days)
        )
        for _ in range(2):
            AttendanceFactory(
                session=session,
                order=UnpaidWorkOrderFactory(requirement__order__case__team=team_a),
            )
    client = host.client()
    client.get(SESSIONS)  # warm the token and partner lookups' caches
    # 6 people disclosed = 6 access-log inserts; the reads stay fixed.
    with django_assert_max_num_queries(6 + 8):
        first = client.get(SESSIONS, {"page_size": 2})
    body = first.json()
    assert len(body["results"]) == 2 and body["next"]
    rest = client.get(body["next"]).json()
    assert len(rest["results"]) == 1 and rest["next"] is None
    ids = [s["id"] for s in body["results"] + rest["results"]]
    assert ids == sorted(ids)
