"""Stored idempotent API responses as a retention record type (issue 15, item 5): a
default period seeded as data, a dry run that changes nothing, batched erasure of the
rows past their period only, each erasure logged without the stored response."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from crc.access.models import AccessKind, AccessLog
from crc.api.models import IdempotencyRecord
from crc.organisation.models import PartnerType
from crc.retention import registry, services
from crc.retention.models import RetentionPeriod
from tests.factories import IdempotencyRecordFactory
from tests.partners import information_request_to, make_partner, post_answer

pytestmark = pytest.mark.django_db

RECORD_TYPE = "idempotency_record"
ANSWER = "Two call-outs to the address in 2025, both about the neighbour."


def at(time_machine, day: dt.date) -> None:
    time_machine.move_to(dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC))


def swept(**options) -> list[services.Report]:
    return [r for r in services.retention_sweep(**options) if r.record_type == RECORD_TYPE]


@pytest.fixture
def answered_long_ago(time_machine, case, officer):
    """A real stored outcome: the police answered a request through the API in 2024."""
    at(time_machine, dt.date(2024, 3, 1))
    police = make_partner("Metropolitan Police Service", PartnerType.POLICE)
    info_request = information_request_to(
        police, case=case, by=officer, question="Any call-outs to this address?"
    )
    response = post_answer(police.client(), info_request, ANSWER, key="answer-1")
    assert response.status_code == 200
    (record,) = IdempotencyRecord.objects.all()
    assert ANSWER in str(record.response_body)
    record.police, record.info_request = police, info_request
    return record


def test_it_is_registered_with_a_one_year_default_period_as_data():
    assert RECORD_TYPE in {t.key for t in registry.record_types()}
    period = RetentionPeriod.objects.get(record_type=RECORD_TYPE)
    assert period.years == 1
    assert period.history.count() == 0  # seeded by the migration, not by a person


def test_a_dry_run_lists_what_would_go_and_changes_nothing(answered_long_ago, time_machine):
    at(time_machine, dt.date(2026, 11, 30))
    recent = IdempotencyRecordFactory()
    report = services.retention_erase(
        record_type=RECORD_TYPE, dry_run=True, today=timezone.localdate()
    )
    assert [d.pk for d in report.due] == [answered_long_ago.pk]
    assert report.erased == 0
    assert IdempotencyRecord.objects.count() == 2
    assert not AccessLog.objects.filter(kind=AccessKind.ERASURE).exists()
    assert IdempotencyRecord.objects.filter(pk=recent.pk).exists()


def test_rows_past_their_period_are_erased_and_logged_without_the_response(
    answered_long_ago, time_machine
):
    at(time_machine, dt.date(2025, 11, 29))
    a_year_and_a_day = IdempotencyRecordFactory()
    at(time_machine, dt.date(2025, 12, 1))
    inside = IdempotencyRecordFactory()
    at(time_machine, dt.date(2026, 11, 30))
    report = services.retention_erase(record_type=RECORD_TYPE, today=timezone.localdate())
    assert report.cutoff == dt.date(2025, 11, 30)
    assert (report.erased, report.rows) == (2, {"api.IdempotencyRecord": 2})
    assert not IdempotencyRecord.objects.filter(pk__in=[answered_long_ago.pk, a_year_and_a_day.pk])
    assert IdempotencyRecord.objects.filter(pk=inside.pk).exists()
    rows = AccessLog.objects.filter(kind=AccessKind.ERASURE).order_by("id")
    assert [(r.page, r.case_crn, r.staff) for r in rows] == [
        (f"retention:{RECORD_TYPE}", "", None)
    ] * 2
    for row in rows:
        assert "kept 1 years" in row.reason
        assert ANSWER not in row.reason and "answer-1" not in row.reason
    assert f"{RECORD_TYPE} {answered_long_ago.pk} erased" in rows[0].reason


def test_the_nightly_job_erases_them_in_batches_and_a_second_run_finds_nothing(time_machine):
    at(time_machine, dt.date(2024, 1, 10))
    IdempotencyRecordFactory.create_batch(5)
    at(time_machine, dt.date(2026, 11, 30))
    (first,) = swept(batch_size=2, max_batches=2)
    assert (first.erased, first.batches) == (4, 2)
    assert IdempotencyRecord.objects.count() == 1
    (second,) = swept(batch_size=2)
    assert (second.erased, IdempotencyRecord.objects.count()) == (1, 0)
    (third,) = swept(batch_size=2)
    assert (third.due, third.erased) == ([], 0)


def test_a_retry_after_erasure_runs_as_a_new_request(answered_long_ago, time_machine):
    # What erasure costs: the key no longer protects anything, so a (very) late retry runs
    # again instead of being replayed, and is refused on its merits (already answered).
    at(time_machine, dt.date(2026, 11, 30))
    out = StringIO()
    call_command("retention", "--type", RECORD_TYPE, "--erase", stdout=out)
    assert "1 erased in 1 batches" in out.getvalue()
    response = post_answer(
        answered_long_ago.police.client(),
        answered_long_ago.info_request,
        ANSWER,
        key="answer-1",
    )
    assert response.status_code == 409
    assert "Idempotent-Replayed" not in response
