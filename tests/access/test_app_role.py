"""The web and worker processes' PostgreSQL role (issue 9, finding 7): it appends to the
access log and reads it, and can do nothing else to it: no UPDATE, DELETE, TRUNCATE, and
no dropping or disabling the triggers, because it does not own the table."""

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from crc.access.append_only import TABLE
from crc.access.models import AccessKind
from crc.access.services import access_log_record

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="roles exist only on PostgreSQL"),
]

ROLE = "crc_app_test"


@pytest.fixture
def app_role(officer, case, monkeypatch):
    """The role as `db_app_role` makes it, created inside the test's transaction (role
    creation is transactional on PostgreSQL, so nothing outlives the test)."""
    monkeypatch.delenv("CRC_APP_DB_PASSWORD", raising=False)
    call_command("db_app_role", role=ROLE, verbosity=0)
    row = access_log_record(kind=AccessKind.VIEW, page="cases:detail", staff=officer, case=case)
    return row


def _as_app_role(sql: str, params=()):
    """Run one statement as the application role, in a savepoint rolled back after."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'SET LOCAL ROLE "{ROLE}"')
        cursor.execute(sql, params)
        result = cursor.fetchall() if cursor.description else None
        cursor.execute("RESET ROLE")
        return result


def _refused_to_app_role(sql: str, params=()) -> None:
    with pytest.raises(DatabaseError, match="permission denied|must be owner|append-only"):
        _as_app_role(sql, params)


def test_the_app_role_can_append_and_read(app_role, officer):
    _as_app_role(
        f"INSERT INTO {TABLE} (at, kind, username, client_id, acting_person, case_crn, page,"
        " method, relationship, reason) VALUES (now(), 'view', %s, '', '', 'A123456',"
        " 'cases:detail', 'GET', '', '')",
        [officer.username],
    )
    rows = _as_app_role(f"SELECT count(*) FROM {TABLE}")
    assert rows == [(2,)]


def test_the_app_role_cannot_update_delete_or_truncate(app_role):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    _refused_to_app_role(f"UPDATE {TABLE} SET reason = 'tidied' WHERE id = %s", [app_role.pk])
    _refused_to_app_role(f"DELETE FROM {TABLE} WHERE id = %s", [app_role.pk])
    _refused_to_app_role(f"TRUNCATE {TABLE}")


def test_the_app_role_cannot_drop_or_disable_the_triggers(app_role):
    _refused_to_app_role(f"DROP TRIGGER access_log_no_update_or_delete ON {TABLE}")
    _refused_to_app_role(f"DROP TRIGGER access_log_no_truncate ON {TABLE}")
    _refused_to_app_role(f"ALTER TABLE {TABLE} DISABLE TRIGGER ALL")
    _refused_to_app_role(f"DROP TABLE {TABLE}")
    _refused_to_app_role("DROP FUNCTION access_log_append_only()")


def test_the_app_role_still_reads_and_writes_the_other_tables(app_role, case):
    _as_app_role("UPDATE cases_case SET postcode = 'N1 1AA' WHERE id = %s", [case.pk])
    assert _as_app_role("SELECT count(*) FROM django_session") == [(0,)]
    _refused_to_app_role("CREATE TABLE sneaky (id int)")


def test_running_it_twice_changes_nothing_and_takes_back_extra_rights(app_role):
    with connection.cursor() as cursor:
        cursor.execute(f'GRANT UPDATE, DELETE, TRUNCATE ON {TABLE} TO "{ROLE}"')
    call_command("db_app_role", role=ROLE, verbosity=0)
    _refused_to_app_role(f"DELETE FROM {TABLE}")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    _refused_to_app_role(f"TRUNCATE {TABLE}")


def test_the_role_cannot_be_the_owner(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        (owner,) = cursor.fetchone()
    with pytest.raises(CommandError, match="owner"):
        call_command("db_app_role", role=owner, verbosity=0)


def test_it_sets_the_password_from_the_environment_not_the_command_line(db, monkeypatch):
    monkeypatch.setenv("CRC_APP_DB_PASSWORD", "it's a secret")
    call_command("db_app_role", role=ROLE, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = %s", [ROLE])
        assert cursor.fetchone() == (True, False)


CONNECTING_ROLE = "crc_app_login_test"


@pytest.mark.django_db(transaction=True)
def test_a_real_connection_as_the_app_role_appends_and_reads_but_changes_nothing(
    officer, monkeypatch
):
    """As web and worker connect in docker-compose: a separate login with the role's
    password, against committed rows (no test transaction to lean on)."""
    import psycopg2

    monkeypatch.setenv("CRC_APP_DB_PASSWORD", "a-test-only-password")
    call_command("db_app_role", role=CONNECTING_ROLE, verbosity=0)
    access_log_record(kind=AccessKind.VIEW, page="cases:detail", staff=officer)
    params = connection.settings_dict
    app = psycopg2.connect(
        dbname=params["NAME"],
        user=CONNECTING_ROLE,
        password="a-test-only-password",
        host=params["HOST"] or "127.0.0.1",
        port=params["PORT"] or 5432,
    )
    try:
        app.autocommit = True
        with app.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone() == (CONNECTING_ROLE,)
            cursor.execute(
                f"INSERT INTO {TABLE} (at, kind, username, client_id, acting_person, case_crn,"
                " page, method, relationship, reason) VALUES (now(), 'view', 'x', '', '', '',"
                " 'cases:detail', 'GET', '', '')"
            )
            cursor.execute(f"SELECT count(*) FROM {TABLE}")
            assert cursor.fetchone() == (2,)
            for sql in (
                f"UPDATE {TABLE} SET reason = 'tidied'",
                f"DELETE FROM {TABLE}",
                f"TRUNCATE {TABLE}",
                f"DROP TRIGGER access_log_no_update_or_delete ON {TABLE}",
                f"ALTER TABLE {TABLE} DISABLE TRIGGER access_log_no_truncate",
            ):
                with pytest.raises(psycopg2.Error, match="permission denied|must be owner"):
                    cursor.execute(sql)
            cursor.execute(f"SELECT count(*) FROM {TABLE}")
            assert cursor.fetchone() == (2,)
    finally:
        app.close()
        with connection.cursor() as cursor:
            # Roles are cluster-wide: leave none behind.
            cursor.execute(f'DROP OWNED BY "{CONNECTING_ROLE}"')
            cursor.execute(f'DROP ROLE "{CONNECTING_ROLE}"')
