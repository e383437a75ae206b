"""crc.bulkload: the seeders' bulk writer gives keys at once, fills defaults, and every
row it writes gets its "created" history row."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from cases.models import Appointment, AppointmentStatus, ContactType
from crc.bulkload import (
    CreatedHistory,
    RowWriter,
    copy_text,
    fill_history,
    foreign_keys_checked_at_end,
)
from tests.factories import CaseFactory


def test_rows_get_keys_defaults_and_history(db):
    case = CaseFactory()
    when = timezone.now() + dt.timedelta(days=3)
    writer = RowWriter(Appointment, ["case_id", "contact_type", "starts_at"], batch=2)
    pks = [
        writer.add(case_id=case.pk, contact_type=ContactType.OFFICE, starts_at=when)
        for _ in range(3)
    ]
    writer.flush()
    assert len(set(pks)) == 3
    rows = list(Appointment.objects.filter(pk__in=pks))
    assert len(rows) == 3
    assert {r.status for r in rows} == {AppointmentStatus.BOOKED}  # the model default
    assert all(r.notes == "" and r.created_at is not None for r in rows)

    assert fill_history(Appointment, pk_from=min(pks)) == 3
    history = Appointment.history.filter(id__in=pks)
    assert sorted(h.id for h in history) == sorted(pks)
    assert {h.history_type for h in history} == {"+"}
    assert {h.history_change_reason for h in history} == {"Demo data"}


def test_copy_text_escapes_what_copy_would_misread():
    assert copy_text("a\tb\nc\\d") == "a\\tb\\nc\\\\d"
    assert copy_text(None) == "\\N"
    assert copy_text(True) == "t" and copy_text(False) == "f"
    assert copy_text(ContactType.OFFICE) == "office"
    assert copy_text({"a": 1}) == '{"a": 1}'
    assert copy_text(dt.date(2026, 1, 2)) == "2026-01-02"


def test_created_history_gives_only_rows_without_history_their_created_row(db):
    saved = CaseFactory()  # through the ORM: has its "+" row already
    created = CreatedHistory()
    writer = RowWriter(Appointment, ["case_id", "contact_type", "starts_at"])
    pk = writer.add(case_id=saved.pk, contact_type=ContactType.OFFICE, starts_at=timezone.now())
    writer.flush()
    fresh = CaseFactory()
    written = created.fill()
    assert written == {Appointment: 1}
    assert list(Appointment.history.filter(id=pk).values_list("history_type", flat=True)) == ["+"]
    assert fresh.history.filter(history_type="+").count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's FK triggers")
def test_foreign_keys_are_checked_once_at_the_end_and_a_dangling_one_fails(db):
    case = CaseFactory()
    when = timezone.now()
    fields = ["case_id", "contact_type", "starts_at"]
    with transaction.atomic(), foreign_keys_checked_at_end(), RowWriter(Appointment, fields) as w:
        w.add(case_id=case.pk, contact_type=ContactType.OFFICE, starts_at=when)
    assert Appointment.objects.filter(case=case).count() == 1
    with (
        pytest.raises(IntegrityError, match="case_id"),
        transaction.atomic(),
        foreign_keys_checked_at_end(),
        RowWriter(Appointment, fields) as w,
    ):
        w.add(case_id=case.pk + 10_000, contact_type=ContactType.OFFICE, starts_at=when)
