"""The daily jobs: each tells the responsible officer once however often it runs, and a
new fact (a new deadline, a later last session) is a new notice."""

import datetime as dt

import pytest
from django.utils import timezone

from crc.notifications.models import OutboxMessage
from crc.workingdays import add_working_days
from tests.factories import ProjectSessionFactory
from tests.unpaidwork.conftest import inducted, open_order
from unpaidwork import jobs, services, session_services

pytestmark = pytest.mark.django_db


def sent(prefix: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(dedupe_key__startswith=prefix))


def run_twice(job, today) -> int:
    return job(today=today) + job(today=today)


def test_an_order_at_risk_of_its_deadline_is_flagged_once(case, coordinator, officer):
    # 300 hours with five weeks left: five sessions cannot do it.
    order = open_order(
        case, coordinator, hours=300, start=timezone.localdate() - dt.timedelta(days=330)
    )
    today = timezone.localdate()
    run_twice(jobs.orders_at_risk_alerts, today)
    (message,) = sent("uw-at-risk:")
    assert message.payload["recipient_ids"] == [officer.pk]
    assert "300 hours are left" in message.payload["body"]
    services.extension_grant(
        order=order, by=coordinator, expected_version=order.version, months=3, reason="Illness"
    )
    jobs.orders_at_risk_alerts(today=today)
    # A new deadline is a new fact: still at risk, so a new notice for it.
    assert len(sent("uw-at-risk:")) == 2


def test_an_order_with_time_in_hand_is_not_flagged(uw_order):
    assert jobs.orders_at_risk_alerts(today=timezone.localdate()) == 0


def test_a_placed_person_with_no_session_for_14_days_is_flagged_once(
    placed_order, project, coordinator
):
    today = timezone.localdate()
    run_twice(jobs.no_session_alerts, today)
    assert len(sent("uw-no-session:")) == 1
    session = ProjectSessionFactory(project=project, date=today + dt.timedelta(days=2))
    session_services.session_schedule(session=session, order=placed_order, by=coordinator)
    assert jobs.no_session_alerts(today=today) == 0


def test_an_induction_not_done_within_10_working_days_of_sentence_is_flagged_once(
    case, coordinator, officer
):
    sentenced = timezone.localdate() - dt.timedelta(days=3)
    open_order(case, coordinator, start=sentenced)
    due = add_working_days(sentenced, 10)
    assert run_twice(jobs.induction_overdue_alerts, due) == 0
    run_twice(jobs.induction_overdue_alerts, due + dt.timedelta(days=1))
    (message,) = sent("uw-induction-overdue:")
    assert message.payload["recipient_ids"] == [officer.pk]


def test_an_induction_done_is_never_flagged(case, coordinator):
    sentenced = timezone.localdate() - dt.timedelta(days=30)
    inducted(open_order(case, coordinator, start=sentenced), coordinator)
    assert jobs.induction_overdue_alerts(today=timezone.localdate()) == 0


def test_an_unemployed_person_without_an_ete_referral_is_flagged_once(case, coordinator):
    case.employment_status = "employed"
    case.save()
    order = inducted(open_order(case, coordinator), coordinator)
    assert jobs.ete_referral_missing_alerts(today=timezone.localdate()) == 0
    case.employment_status = "unemployed"  # lost their job since
    case.save()
    run_twice(jobs.ete_referral_missing_alerts, timezone.localdate())
    assert len(sent("uw-ete-missing:")) == 1
    services.ete_referral_create(order=order, by=coordinator, reason="Lost their job")
    assert jobs.ete_referral_missing_alerts(today=timezone.localdate()) == 0


def test_each_job_has_a_beat_entry_and_a_task():
    from crc.celery import app

    entries = {entry["task"] for entry in app.conf.beat_schedule.values()}
    for name in jobs.DAILY_JOBS:
        assert f"unpaidwork.{name}" in entries
        assert f"unpaidwork.{name}" in app.tasks
