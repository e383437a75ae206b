"""The access log's append-only triggers, and the one sanctioned way round them.

The model refuses updates and deletes; the database refuses them too, from any client:
  - PostgreSQL: a row trigger on UPDATE and DELETE and a statement trigger on TRUNCATE
    (migration access 0003). The web and worker processes connect as a role that does
    not own the table and holds only INSERT and SELECT on it (`manage.py db_app_role`),
    so they can neither change rows nor drop or disable the triggers.
  - SQLite (the embedded demo database): UPDATE and DELETE triggers. SQLite has no
    TRUNCATE and no roles; whoever holds the file holds everything.

`maintenance()` lifts the triggers for the owner's own housekeeping, which today means
only `manage.py flush` (tests empty the database between transactional tests). It
needs the owner's rights on PostgreSQL, so the application role cannot use it.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections

TABLE = "access_accesslog"
MESSAGE = "access_accesslog is append-only"

POSTGRESQL_TRIGGERS = ["access_log_no_update_or_delete", "access_log_no_truncate"]

SQLITE_TRIGGERS = {
    "access_log_no_update": f"""
        CREATE TRIGGER IF NOT EXISTS access_log_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """,
    "access_log_no_delete": f"""
        CREATE TRIGGER IF NOT EXISTS access_log_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """,
}


def _table_exists(connection) -> bool:
    with connection.cursor() as cursor:
        return TABLE in connection.introspection.table_names(cursor)


def _lift_and_restore(connection) -> tuple[list[str], list[str]]:
    """The statements that lift the triggers and those that put them back, per database
    (none where there are no triggers to lift)."""
    if connection.vendor == "postgresql":
        return (
            [f"ALTER TABLE {TABLE} DISABLE TRIGGER {name}" for name in POSTGRESQL_TRIGGERS],
            [f"ALTER TABLE {TABLE} ENABLE TRIGGER {name}" for name in POSTGRESQL_TRIGGERS],
        )
    if connection.vendor == "sqlite":
        return (
            [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS],
            list(SQLITE_TRIGGERS.values()),
        )
    return [], []


@contextmanager
def maintenance(using: str = "default") -> Iterator[None]:
    """Lift the append-only triggers for the duration (owner only), then restore them."""
    connection = connections[using]
    lift, restore = _lift_and_restore(connection) if _table_exists(connection) else ([], [])
    with connection.cursor() as cursor:
        for sql in lift:
            cursor.execute(sql)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for sql in restore:
                cursor.execute(sql)


def ensure_sqlite_triggers(using: str = "default") -> None:
    """Recreate the SQLite triggers if missing: SQLite rebuilds a table to alter it, and
    the rebuild drops its triggers. Run after every migrate."""
    connection = connections[using]
    if connection.vendor != "sqlite" or not _table_exists(connection):
        return
    with connection.cursor() as cursor:
        for sql in SQLITE_TRIGGERS.values():
            cursor.execute(sql)
