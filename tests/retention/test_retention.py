"""Retention (issue 15, item 5): periods as data, a dry run that reports, an idempotent
batched erasure that takes a case with everything hanging off it and its history, an
access-log row per erasure that names the record and not its content."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.models import Case, Contact, EnforcementAction, Order, Review
from crc.access.models import AccessKind, AccessLog
from crc.celery import app as celery_app
from crc.domain import StaleVersionError
from crc.notifications.models import OutboxMessage
from crc.retention import services
from crc.retention.models import RetentionPeriod
from crc.stale import version_token
from tests.factories import (
    AccessLogFactory,
    AppointmentFactory,
    AssessmentFactory,
    CaseFactory,
    ContactFactory,
    EnforcementActionFactory,
    OrderFactory,
    OutboxMessageFactory,
    RetentionHoldFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 30)


def ended_case(crn, *, ended_on, team, officer, status="terminated", **person):
    case = CaseFactory(crn=crn, team=team, responsible_officer=officer, status=status, **person)
    OrderFactory(
        case=case,
        sentence_date=ended_on - dt.timedelta(days=400),
        start_date=ended_on - dt.timedelta(days=365),
        expected_end_date=ended_on,
    )
    return case


@pytest.fixture
def old_case(team_a, officer):
    """Supervision ended eight years ago, with a full record hanging off it."""
    case = ended_case(
        "C100001", ended_on=dt.date(2018, 6, 1), team=team_a, officer=officer, first_name="Zed"
    )
    appointment = AppointmentFactory(case=case)
    ContactFactory(case=case, appointment=appointment)
    EnforcementActionFactory(case=case)
    AssessmentFactory(case=case)
    ReviewFactory(case=case)
    case.first_name = "Zedekiah"
    case.save()  # a second history row
    OutboxMessageFactory(case_crn=case.crn)
    return case


@pytest.fixture
def recent_case(team_a, officer):
    """Ended three years ago: inside the period."""
    return ended_case("C100002", ended_on=dt.date(2023, 6, 1), team=team_a, officer=officer)


def test_the_defaults_are_seeded_as_data():
    periods = dict(RetentionPeriod.objects.values_list("record_type", "years"))
    assert periods == {"case": 7, "access_log": 10, "idempotency_record": 1}


def test_a_dry_run_reports_what_would_go_and_changes_nothing(old_case, recent_case):
    before = (Case.objects.count(), Contact.objects.count(), AccessLog.objects.count())
    report = services.retention_erase(record_type="case", dry_run=True, today=TODAY)
    assert [d.key for d in report.due] == ["C100001"]
    assert report.cutoff == dt.date(2019, 11, 30)
    assert (Case.objects.count(), Contact.objects.count(), AccessLog.objects.count()) == before


def test_the_command_is_a_dry_run_unless_told_to_erase(old_case, recent_case, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC))
    out = StringIO()
    call_command("retention", "--type", "case", stdout=out)
    assert "1 would be erased" in out.getvalue() and "C100001" in out.getvalue()
    assert Case.objects.filter(crn="C100001").exists()
    call_command("retention", "--type", "case", "--erase", stdout=out)
    assert "1 erased in 1 batches" in out.getvalue()
    assert not Case.objects.filter(crn="C100001").exists()


def test_erasure_takes_the_case_everything_on_it_and_its_history(old_case, recent_case):
    case_id = old_case.pk
    report = services.retention_erase(record_type="case", today=TODAY)
    assert report.erased == 1
    assert not Case.objects.filter(pk=case_id).exists()
    for model in (Order, Contact, EnforcementAction, Review):
        assert not model.objects.filter(case_id=case_id).exists(), model
        assert not model.history.filter(case_id=case_id).exists(), model
    assert not Case.history.filter(id=case_id).exists()
    assert not OutboxMessage.objects.filter(case_crn="C100001").exists()
    # The case inside its period is untouched.
    assert Case.objects.filter(crn="C100002").exists()
    assert Order.objects.filter(case__crn="C100002").count() == 1


def test_each_erasure_is_logged_without_the_erased_content(old_case):
    services.retention_erase(record_type="case", today=TODAY)
    (row,) = AccessLog.objects.filter(kind=AccessKind.ERASURE)
    assert (row.case_crn, row.page, row.staff) == ("C100001", "retention:case", None)
    assert "kept 7 years" in row.reason
    assert "Zed" not in row.reason and "Zed" not in row.page


def test_earlier_access_log_rows_about_the_case_are_kept(old_case, officer):
    AccessLogFactory(case=old_case, staff=officer)
    services.retention_erase(record_type="case", today=TODAY)
    assert AccessLog.objects.filter(case_crn="C100001", kind=AccessKind.VIEW).count() == 1


def test_a_hold_keeps_a_case_past_its_period(old_case):
    RetentionHoldFactory(key="C100001")
    report = services.retention_erase(record_type="case", today=TODAY)
    assert (report.erased, report.kept) == (0, 1)
    assert Case.objects.filter(pk=old_case.pk).exists()


def test_an_active_case_is_never_erased(team_a, officer):
    ended_case(
        "C100003", ended_on=dt.date(2010, 1, 1), team=team_a, officer=officer, status="active"
    )
    assert services.retention_erase(record_type="case", today=TODAY).erased == 0
    assert Case.objects.filter(crn="C100003").exists()


def test_the_last_order_counts(team_a, officer):
    case = ended_case("C100004", ended_on=dt.date(2012, 1, 1), team=team_a, officer=officer)
    OrderFactory(
        case=case,
        sentence_date=dt.date(2021, 1, 1),
        start_date=dt.date(2021, 1, 1),
        expected_end_date=dt.date(2022, 1, 1),
    )
    assert services.retention_erase(record_type="case", today=TODAY).erased == 0


def test_erasure_runs_in_batches_and_a_second_run_finds_nothing(team_a, officer):
    for n in range(5):
        ended_case(f"D10000{n}", ended_on=dt.date(2015, 1, 1), team=team_a, officer=officer)
    first = services.retention_erase(record_type="case", batch_size=2, max_batches=2, today=TODAY)
    assert (first.erased, first.batches) == (4, 2)
    assert Case.objects.filter(crn__startswith="D").count() == 1
    second = services.retention_erase(record_type="case", batch_size=2, today=TODAY)
    assert (second.erased, second.batches) == (1, 1)
    third = services.retention_erase(record_type="case", batch_size=2, today=TODAY)
    assert (third.erased, third.batches) == (0, 0)
    assert AccessLog.objects.filter(kind=AccessKind.ERASURE).count() == 5


def test_a_longer_period_set_by_an_administrator_keeps_the_case(old_case, administrator):
    period = RetentionPeriod.objects.get(record_type="case")
    services.retention_period_update(
        period=period,
        by=administrator,
        years=10,
        counted_from=period.counted_from,
        version=version_token(services.period_state(period)),
    )
    assert services.retention_erase(record_type="case", today=TODAY).erased == 0
    assert period.history.first().history_user == administrator


def test_a_stale_period_change_is_refused(administrator):
    period = RetentionPeriod.objects.get(record_type="case")
    opened = version_token(services.period_state(period))
    services.retention_period_update(
        period=period, by=administrator, years=8, counted_from="", version=opened
    )
    with pytest.raises(StaleVersionError):
        services.retention_period_update(
            period=period, by=administrator, years=9, counted_from="", version=opened
        )
    assert RetentionPeriod.objects.get(pk=period.pk).years == 8


def test_without_a_period_nothing_is_erased(old_case):
    RetentionPeriod.objects.filter(record_type="case").delete()
    report = services.retention_erase(record_type="case", today=TODAY)
    assert (report.years, report.erased) == (None, 0)
    assert Case.objects.filter(pk=old_case.pk).exists()


def test_the_nightly_job_leaves_the_access_log_to_its_owner(old_case):
    reports = services.retention_sweep()
    assert [r.record_type for r in reports] == ["case", "idempotency_record"]
    entry = celery_app.conf.beat_schedule["retention-sweep"]
    assert entry["task"] == "crc.retention.retention_sweep"


def test_the_owner_erases_access_log_rows_past_their_period(officer, time_machine):
    time_machine.move_to(dt.datetime(2014, 1, 1, 12, tzinfo=dt.UTC))
    AccessLogFactory(staff=officer)
    time_machine.move_to(dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC))
    recent = AccessLogFactory(staff=officer)
    report = services.retention_erase(record_type="access_log", today=timezone.localdate())
    assert report.erased == 1
    remaining = set(AccessLog.objects.values_list("kind", flat=True))
    assert remaining == {AccessKind.VIEW, AccessKind.ERASURE}
    assert AccessLog.objects.filter(pk=recent.pk).exists()
