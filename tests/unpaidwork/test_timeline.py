"""Unpaid work on the case timeline: each source shows on the case's timeline page, holds
back detail from those who may not read it, and reads a fixed number of queries."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import timeline
from tests.conftest import sign_in
from tests.factories import ProjectSessionFactory
from unpaidwork import services, session_services
from unpaidwork.models import Outcome

pytestmark = pytest.mark.django_db

KINDS = ["unpaid_work", "unpaid_work_induction", "unpaid_work_placement", "ete_referral"]


def test_unpaid_work_registers_its_four_kinds_after_the_case_kinds():
    kinds = [kind for kind, _label in timeline.kind_choices()]
    start = kinds.index(KINDS[0])
    assert kinds[start : start + len(KINDS)] == KINDS
    case_kinds = [s.kind for s in timeline.sources() if s.reader.__module__.startswith("cases.")]
    assert max(kinds.index(kind) for kind in case_kinds) < start


def attend(order, project, by, supervisor, days_ahead: int, notes: str = ""):
    day = timezone.localdate() + dt.timedelta(days=days_ahead)
    session = ProjectSessionFactory(project=project, date=day)
    attendance = session_services.session_schedule(session=session, order=order, by=by)
    with time_machine.travel(dt.datetime.combine(day, dt.time(17), tzinfo=dt.UTC), tick=False):
        session_services.attendance_record(
            attendance=attendance,
            by=supervisor,
            expected_version=attendance.version,
            outcome=Outcome.COMPLIED,
            started_at=dt.time(9, 0),
            ended_at=dt.time(16, 0),
            notes=notes,
        )
    return attendance


@pytest.fixture
def history(case, placed_order, project, coordinator, supervisor):
    case.employment_status = "unemployed"
    case.save()
    services.ete_referral_create(order=placed_order, by=coordinator, reason="Wants a CSCS card")
    attend(placed_order, project, coordinator, supervisor, 1, notes="Worried about his tenancy")
    return placed_order


def page(client, case, query=""):
    return client.get(reverse("cases:timeline", args=[case.crn]) + query)


@pytest.mark.parametrize(
    "kind, shown",
    [
        ("unpaid_work", "Unpaid work at Community garden"),
        ("unpaid_work_induction", "Unpaid work induction: done, understanding checked"),
        ("unpaid_work_placement", "Placed on Community garden"),
        ("ete_referral", "Referred for an ETE assessment (by staff)"),
    ],
)
def test_each_unpaid_work_event_shows_on_the_case_timeline_page(
    client, officer, case, history, kind, shown
):
    sign_in(client, officer)
    response = page(client, case, f"?kind={kind}")
    assert response.status_code == 200
    html = response.content.decode()
    assert shown in html
    assert f'data-kind="{kind}"' in html


def test_a_session_outcome_shows_its_hours(client, officer, case, history):
    sign_in(client, officer)
    assert (
        "Attended and complied (7 hours)"
        in page(client, case, "?kind=unpaid_work").content.decode()
    )


def test_what_the_supervisor_wrote_is_held_back_from_a_colleague(
    client, officer, colleague, case, history
):
    sign_in(client, officer)
    assert "Worried about his tenancy" in page(client, case, "?kind=unpaid_work").content.decode()
    sign_in(client, colleague)
    html = page(client, case, "?kind=unpaid_work").content.decode()
    assert "Unpaid work at Community garden" in html
    assert "Worried about his tenancy" not in html


def test_the_unpaid_work_readers_run_a_fixed_number_of_queries(
    case, placed_order, project, coordinator, supervisor
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            for source in timeline.sources():
                if source.kind in KINDS:
                    list(source.reader(case, limit=31, see_sensitive=True))
        return len(queries)

    attend(placed_order, project, coordinator, supervisor, 1)
    few = count()
    for days in range(2, 5):
        attend(placed_order, project, coordinator, supervisor, days)
    assert count() == few == len(KINDS)
