"""The web's PostgreSQL connections run without JIT (crc/settings.py, DATABASE_JIT):
it compiled the dashboards' aggregates for 0.3-0.8 s each to save a few ms."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _database_options(tmp_path, **env) -> dict:
    code = (
        "import json\n"
        "from django.conf import settings as s\n"
        "print(json.dumps({a: d.get('OPTIONS', {}) for a, d in s.DATABASES.items()}))\n"
    )
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "TMPDIR"}}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **keep,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "crc.settings",
            "DEBUG": "1",
            "CRC_VAR_DIR": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout.splitlines()[-1])


def test_postgresql_connections_turn_jit_off_at_startup(tmp_path):
    options = _database_options(
        tmp_path,
        DATABASE_URL="postgres://crc@db:5432/crc",
        DATABASE_REPLICA_URL="postgres://crc@replica:5432/crc",
    )
    assert options["default"] == {"options": "-c jit=off"}
    assert options["replica"] == {"options": "-c jit=off"}


def test_jit_stays_on_when_asked_for(tmp_path):
    options = _database_options(
        tmp_path, DATABASE_URL="postgres://crc@db:5432/crc", DATABASE_JIT="true"
    )
    assert options["default"] == {}


def test_sqlite_gets_no_postgresql_option(tmp_path):
    options = _database_options(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert "options" not in options["default"]
