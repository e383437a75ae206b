"""scripts/restore-rehearsal restores the latest backup and checks it against the live
database: row counts of every table and the newest access-log row.

The base backup (the production method, docs/operations.md) runs against a private
cluster with WAL archiving on, because the shared server allows no replication
connection and holds everyone's databases (2.7 GB); the dump method runs against this
test's own database on the shared server.
"""

import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from crc.access.models import AccessLog
from tests.factories import AccessLogFactory, CaseFactory
from tests.resilience.conftest import database_url
from tests.resilience.services import as_postgres

pytestmark = pytest.mark.integration

SCRIPT = settings.BASE_DIR / "scripts" / "restore-rehearsal"


def rehearse(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=600
    )


@pytest.fixture
def live_records(transactional_db, officer):
    for n in range(3):
        CaseFactory(crn=f"R{n:06d}", team=officer.team, responsible_officer=officer)
    AccessLogFactory.create_batch(5)


def test_a_base_backup_with_archived_wal_restores_to_the_latest_write(
    private_cluster, live_records
):
    cluster = private_cluster
    archive = cluster.folder_for_postgres("wal-archive")
    cluster.start(f"-c archive_mode=on -c archive_command='cp %p {archive}/%f'")
    live = cluster.copy_database(database_url(), "crc_live")

    # The nightly base backup.
    backup = cluster.folder / "base"
    subprocess.run(
        as_postgres(["pg_basebackup", "-d", cluster.url("postgres"), "-D", str(backup),
                      "-X", "stream", "-c", "fast", "--no-sync"]),
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    # Officers keep working after it: only the archived WAL has these rows.
    cluster.psql(
        "INSERT INTO access_accesslog (at, kind, username, client_id, acting_person, case_crn,"
        " page, method, relationship, reason) SELECT at + interval '1 hour', kind, 'after-backup',"
        " client_id, acting_person, case_crn, page, method, relationship, reason"
        " FROM access_accesslog ORDER BY id DESC LIMIT 2",
        db="crc_live",
    )
    # Close the WAL segment holding them, and wait for archive_command to copy it.
    segment = cluster.psql("SELECT pg_walfile_name(pg_switch_wal())").strip()
    for _ in range(100):
        if cluster.psql("SELECT last_archived_wal FROM pg_stat_archiver").strip() >= segment:
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"WAL segment {segment} was not archived")

    # Without the archived WAL the restore stops at the backup: the check says so.
    result = rehearse("--database-url", live, "--from-backup", str(backup))
    assert result.returncode == 1
    assert "MISMATCH public.access_accesslog: live 7, restored 5" in result.stdout
    assert "newest access-log row differs" in result.stdout

    result = rehearse("--database-url", live, "--from-backup", str(backup),
                      "--wal-archive", str(archive))  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK:" in result.stdout
    assert "WAL replayed: True" in result.stdout


def test_a_dump_of_this_database_on_the_shared_server_restores_and_matches(live_records):
    if connection.vendor != "postgresql":
        pytest.skip("The rehearsal restores PostgreSQL (set DATABASE_URL)")
    assert AccessLog.objects.count() == 5

    result = rehearse("--database-url", database_url(), "--method", "dump")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK:" in result.stdout
