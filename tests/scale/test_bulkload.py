"""crc.bulkload: the seeders' bulk writer gives keys at once, fills defaults, and every
row it writes gets its "created" history row."""

import datetime as dt

from django.utils import timezone

from cases.models import Appointment, AppointmentStatus, ContactType
from crc.bulkload import RowWriter, copy_text, fill_history
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
