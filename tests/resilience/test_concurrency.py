"""Two people saving the same thing at the same moment (issue 15, item 2).

Against PostgreSQL, each caller in its own thread and transaction (tests/resilience/
race.py): one save wins, the other is refused as stale (or 409 through the API), no
duplicate rows are made and the history holds exactly the winner's change.
"""

import datetime as dt
import time

import pytest
import time_machine
from django.utils import timezone

from cases.allocation.services import allocation_state, case_allocate
from cases.models import Allocation, Assessment, Contact, InformationRequest, SentencePlan
from cases.planning import information_requests
from cases.planning.services import assessment_save, plan_save
from cases.record.services import case_update_person, person_state
from cases.reviews.services import review_complete
from crc.api.models import IdempotencyRecord
from crc.domain import StaleVersionError
from crc.organisation.models import PartnerType, Role
from crc.stale import version_token
from tests.cases.reviews.helpers import due_review
from tests.factories import ProjectFactory, ProjectSessionFactory, StaffFactory
from tests.partners import information_request_to, make_partner, post_answer
from tests.resilience.race import one_won, postgresql_only, race
from tests.unpaidwork.conftest import inducted, open_order
from unpaidwork import services as uw_services
from unpaidwork import session_services
from unpaidwork.models import Attendance, Outcome

pytestmark = [postgresql_only, pytest.mark.django_db(transaction=True)]


def test_two_officers_saving_the_same_plan_one_wins(case, officer, colleague):
    plan = plan_save(case=case, by=officer, version=0, own_words="I want a job.")
    outcomes = race(
        lambda: plan_save(case=case, by=officer, version=plan.version, own_words="Officer's"),
        lambda: plan_save(case=case, by=colleague, version=plan.version, own_words="Colleague's"),
    )
    winner = one_won(outcomes, StaleVersionError)
    saved = SentencePlan.objects.get(case=case)
    assert (saved.version, saved.own_words) == (2, winner.value.own_words)
    assert [h.own_words for h in saved.history.order_by("history_id")] == [
        "I want a job.",
        winner.value.own_words,
    ]


def test_two_officers_writing_the_first_assessment_make_one_row(case, officer, colleague):
    outcomes = race(
        lambda: assessment_save(case=case, by=officer, version=0, victims="Officer's"),
        lambda: assessment_save(case=case, by=colleague, version=0, victims="Colleague's"),
    )
    winner = one_won(outcomes, StaleVersionError)
    (saved,) = Assessment.objects.filter(case=case)
    assert saved.victims == winner.value.victims
    assert saved.history.count() == 1


def test_two_officers_saving_the_same_assessment_one_wins(case, officer, colleague):
    first = assessment_save(case=case, by=officer, version=0, victims="Shop staff.")
    outcomes = race(
        lambda: assessment_save(case=case, by=officer, version=1, victims="Officer's"),
        lambda: assessment_save(case=case, by=colleague, version=1, victims="Colleague's"),
    )
    winner = one_won(outcomes, StaleVersionError)
    saved = Assessment.objects.get(pk=first.pk)
    assert (saved.version, saved.victims) == (2, winner.value.victims)
    assert [h.victims for h in saved.history.order_by("history_id")] == [
        "Shop staff.",
        winner.value.victims,
    ]


SECTIONS = {
    "compliance_and_engagement": "Attends and engages.",
    "desistance_progress": "Working part time.",
    "risk_of_harm_change": "No change.",
    "persons_involvement": "Took part in the office.",
    "other_agencies": "Police: nothing new.",
}


def test_two_people_completing_the_same_review_one_wins(case, officer, spo):
    review = due_review(case, timezone.localdate())
    before = review.history.count()

    def complete(by, text):
        sections = {**SECTIONS, "compliance_and_engagement": text}
        return review_complete(
            review=review, by=by, version=review.version, sections=sections, reapply_grid=False
        )

    outcomes = race(lambda: complete(officer, "Officer's"), lambda: complete(spo, "SPO's"))
    winner = one_won(outcomes, StaleVersionError)
    review.refresh_from_db()
    assert review.status == "complete"
    assert review.compliance_and_engagement == winner.value.compliance_and_engagement
    assert review.history.count() == before + 1


def test_two_officers_editing_the_person_one_wins(case, officer, colleague):
    version = version_token(person_state(case))
    before = case.history.count()
    outcomes = race(
        lambda: case_update_person(case=case, by=officer, version=version, preferred_name="Al"),
        lambda: case_update_person(case=case, by=colleague, version=version, preferred_name="Bo"),
    )
    winner = one_won(outcomes, StaleVersionError)
    case.refresh_from_db()
    assert case.preferred_name == winner.value.preferred_name
    assert case.history.count() == before + 1


def test_two_managers_allocating_the_same_case_one_wins(case, team_a, spo, area_manager):
    first = StaffFactory(role=Role.PROBATION_OFFICER, team=team_a, username="first")
    second = StaffFactory(role=Role.PROBATION_OFFICER, team=team_a, username="second")
    version = version_token(allocation_state(case))
    before = Allocation.objects.filter(case=case).count()
    outcomes = race(
        lambda: case_allocate(case=case, officer=first, reason="Capacity", by=spo, version=version),
        lambda: case_allocate(
            case=case, officer=second, reason="Skills", by=area_manager, version=version
        ),
    )
    winner = one_won(outcomes, StaleVersionError)
    case.refresh_from_db()
    assert case.responsible_officer == winner.value.officer
    assert Allocation.objects.filter(case=case).count() == before + 1


# --- Unpaid work --------------------------------------------------------------------------


def test_two_supervisors_marking_the_same_attendance_one_wins(area, case, officer):
    coordinator = StaffFactory(role=Role.UNPAID_WORK_COORDINATOR, team=None, username="coord")
    supervisor = StaffFactory(role=Role.UNPAID_WORK_SUPERVISOR, team=None, username="sup1")
    relief = StaffFactory(role=Role.UNPAID_WORK_SUPERVISOR, team=None, username="sup2")
    project = ProjectFactory(area=area, supervisor=supervisor, capacity_per_session=2)
    order = inducted(open_order(case, coordinator), coordinator)
    uw_services.placement_allocate(order=order, project=project, by=coordinator, reason="Near")
    session = ProjectSessionFactory(project=project)
    attendance = session_services.session_schedule(session=session, order=order, by=coordinator)

    def mark(by, outcome, **times):
        return session_services.attendance_record(
            attendance=attendance,
            by=by,
            expected_version=attendance.version,
            outcome=outcome,
            **times,
        )

    after = dt.datetime.combine(session.date, dt.time(17, 0), tzinfo=dt.UTC)
    with time_machine.travel(after, tick=False):
        outcomes = race(
            lambda: mark(supervisor, Outcome.COMPLIED, started_at=dt.time(9), ended_at=dt.time(16)),
            lambda: mark(relief, Outcome.UNACCEPTABLE_ABSENCE),
        )
    winner = one_won(outcomes, StaleVersionError)
    saved = Attendance.objects.get(pk=attendance.pk)
    assert saved.outcome == winner.value.outcome
    assert saved.history.count() == attendance.history.count() == 2
    # A failure makes a contact; a compliance does not; never two.
    assert Contact.objects.filter(case=case).count() == (
        1 if winner.value.outcome == Outcome.UNACCEPTABLE_ABSENCE else 0
    )


# --- The partner API ----------------------------------------------------------------------


@pytest.fixture
def police_request(case, officer):
    police = make_partner("Metropolitan Police Service", PartnerType.POLICE)
    request = information_request_to(
        police, case=case, by=officer, question="Any call-outs to this address?"
    )
    return police, request


@pytest.fixture
def slow_answer(monkeypatch):
    """The answer service keeps its transaction open a moment after it has written, so
    the second request arrives while the first is still in flight."""
    real = information_requests.information_request_answer

    def slow(**kwargs):
        answered = real(**kwargs)
        time.sleep(0.4)
        return answered

    monkeypatch.setattr(information_requests, "information_request_answer", slow)


def _answer_at_once(partner, request, *answers):
    """Race the partner's (idempotency key, answer) pairs, one API call each, and return the
    outcomes; every call must have come back with a response rather than an exception."""
    outcomes = race(
        *(
            lambda key=key, text=text: post_answer(partner.client(), request, text, key=key)
            for key, text in answers
        ),
        atomic=False,
    )
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    return outcomes


def test_two_partner_staff_answering_the_same_request_one_wins(police_request, slow_answer):
    police, request = police_request
    outcomes = _answer_at_once(
        police, request, ("desk-1", "Two call-outs in 2025."), ("desk-2", "No call-outs.")
    )
    statuses = sorted(o.value.status_code for o in outcomes)
    assert statuses == [200, 409]
    (winner,) = [o.value for o in outcomes if o.value.status_code == 200]
    (loser,) = [o.value for o in outcomes if o.value.status_code == 409]
    assert "already answered" in str(loser.json())
    saved = InformationRequest.objects.get(pk=request.pk)
    assert saved.answer == winner.json()["answer"]
    assert saved.history.filter(status="answered").count() == 1


def test_the_same_idempotency_key_twice_at_once_writes_once(police_request, slow_answer):
    police, request = police_request
    same = ("same-key", "Two call-outs in 2025.")
    outcomes = _answer_at_once(police, request, same, same)
    assert sorted(o.value.status_code for o in outcomes) == [200, 409]
    (in_flight,) = [o.value for o in outcomes if o.value.status_code == 409]
    assert "still being processed" in str(in_flight.json())
    assert IdempotencyRecord.objects.filter(key="same-key").count() == 1
    saved = InformationRequest.objects.get(pk=request.pk)
    assert saved.history.filter(status="answered").count() == 1
    # Retried once the first has finished: the stored answer, replayed.
    replay = post_answer(police.client(), request, "Two call-outs in 2025.", key="same-key")
    assert (replay.status_code, replay["Idempotent-Replayed"]) == (200, "true")
