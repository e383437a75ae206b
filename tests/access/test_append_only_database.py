"""The access log is append-only in the database itself (issue 9, finding 7): raw SQL
from any client cannot change or remove a row, on SQLite and on PostgreSQL."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from crc.access.append_only import TABLE, maintenance
from crc.access.models import AccessKind, AccessLog, AppendOnlyError
from crc.access.services import access_log_record

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="roles and TRUNCATE exist only on PostgreSQL"
)


@pytest.fixture
def row(officer, case):
    return access_log_record(
        kind=AccessKind.VIEW, page="cases:detail", staff=officer, case=case, method="GET"
    )


def _refused(sql: str, params=()) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)


def test_raw_sql_cannot_update_a_row(row):
    _refused(f"UPDATE {TABLE} SET reason = 'tidied up' WHERE id = %s", [row.pk])
    assert AccessLog.objects.get(pk=row.pk).reason == ""


def test_raw_sql_cannot_delete_a_row(row):
    _refused(f"DELETE FROM {TABLE} WHERE id = %s", [row.pk])
    _refused(f"DELETE FROM {TABLE}")
    assert AccessLog.objects.filter(pk=row.pk).exists()


def test_the_base_manager_refuses_too(row):
    with pytest.raises(AppendOnlyError):
        AccessLog._base_manager.filter(pk=row.pk).update(reason="tidied up")
    with pytest.raises(AppendOnlyError):
        AccessLog._base_manager.filter(pk=row.pk).delete()


def test_new_rows_can_still_be_written_and_read(row, officer):
    access_log_record(kind=AccessKind.EXPORT, page="access:export", staff=officer)
    assert AccessLog.objects.count() == 2


@postgresql_only
def test_raw_sql_cannot_truncate_the_table(row):
    # Run the deferred foreign-key checks now: PostgreSQL refuses TRUNCATE with pending
    # trigger events for its own reasons, and this test is about ours.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    _refused(f"TRUNCATE {TABLE}")
    _refused(f"TRUNCATE {TABLE} CASCADE")
    assert AccessLog.objects.filter(pk=row.pk).exists()


def test_the_triggers_are_back_after_the_owners_maintenance(row):
    if connection.vendor == "postgresql":
        # ALTER TABLE refuses to run with deferred foreign-key checks pending.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with maintenance():
        pass
    _refused(f"DELETE FROM {TABLE}")


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_the_database_and_leaves_the_triggers_in_place(officer, case):
    access_log_record(kind=AccessKind.VIEW, page="cases:detail", staff=officer, case=case)
    call_command("flush", interactive=False, verbosity=0)
    assert not AccessLog.objects.exists()
    from tests.factories import StaffFactory

    someone = StaffFactory(username="after-flush")
    again = access_log_record(kind=AccessKind.VIEW, page="cases:detail", staff=someone)
    _refused(f"DELETE FROM {TABLE} WHERE id = %s", [again.pk])
