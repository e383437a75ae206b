"""Private Redis and PostgreSQL instances, and real Celery workers, that a fault test
may stop, kill and restart.

Other people (and CI's other tests) use the shared PostgreSQL on 5432 and Redis on
6379; a fault test never touches those. It starts its own on a free port, under a
throwaway folder, and ends only the processes it started, by their id. Also used by
bench/chaos.py.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PG_BIN = Path(os.environ.get("CRC_PG_BIN", "/usr/lib/postgresql/15/bin"))


class ServiceUnavailable(Exception):
    """A binary a fault test needs is not installed (the test is skipped)."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(condition, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise TimeoutError(f"Waited {timeout:.0f}s for {what}")


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


# --------------------------------------------------------------------------- Redis


@dataclass
class PrivateRedis:
    """A redis-server of our own: no persistence, so a stop loses what it held."""

    folder: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise ServiceUnavailable("redis-server is not installed")
        self.folder.mkdir(parents=True, exist_ok=True)
        log = (self.folder / "redis.log").open("a")
        self.process = subprocess.Popen(
            [
                binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", str(self.folder),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        _wait(lambda: _port_open(self.port), f"redis-server on port {self.port}")

    def stop(self) -> None:
        """Kill it (SIGKILL, like a crash): everything it held is gone."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None
        _wait(lambda: not _port_open(self.port), "redis-server to stop")


# ---------------------------------------------------------------------- PostgreSQL


def as_postgres(args: list[str]) -> list[str]:
    # initdb refuses to run as root; CI runs as root, a developer usually does not.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


@dataclass
class PrivateCluster:
    """A PostgreSQL cluster of our own (initdb + pg_ctl) that may be restarted."""

    port: int = field(default_factory=free_port)
    folder: Path | None = None

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            as_postgres(list(args)), check=check, capture_output=True, text=True, timeout=120
        )

    def init(self) -> None:
        if not (PG_BIN / "initdb").exists():
            raise ServiceUnavailable(f"No PostgreSQL server binaries in {PG_BIN}")
        # Not under pytest's tmp_path: the postgres user cannot enter root's folders.
        self.folder = Path(tempfile.mkdtemp(prefix="crc-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
            "--no-sync", "-E", "UTF8", "--locale", "C",
        )  # fmt: skip

    def start(self, extra: str = "") -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} "
            f"-c fsync=off -c synchronous_commit=off -c full_page_writes=off {extra}"
        )
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.folder / "server.log"), "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=False
        )

    def folder_for_postgres(self, name: str) -> Path:
        """A folder inside the cluster's own that the postgres user may write to."""
        path = self.folder / name
        path.mkdir()
        if os.geteuid() == 0:
            shutil.chown(path, "postgres", "postgres")
        return path

    def psql(self, sql: str, db: str = "postgres") -> str:
        return subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", db,
             "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql],
            check=True, capture_output=True, text=True, timeout=60,
        ).stdout  # fmt: skip

    def copy_database(self, source_url: str, name: str) -> str:
        """A copy of another server's database (schema and rows) as `name`: far quicker
        than running every migration again."""
        self.psql(f'CREATE DATABASE "{name}"')
        dump = subprocess.Popen(
            ["pg_dump", "--no-owner", "--no-privileges", "-d", source_url],
            stdout=subprocess.PIPE,
        )
        subprocess.run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url(name)],
            stdin=dump.stdout, check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        if dump.wait(timeout=60) != 0:
            raise RuntimeError("pg_dump failed")
        return self.url(name)

    def destroy(self) -> None:
        if self.folder is None:
            return
        self.stop(mode="immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


# -------------------------------------------------------------------- Celery worker


@dataclass
class Worker:
    """`celery -A crc worker` as a subprocess, on a queue of its own."""

    env: dict
    log: Path
    queue: str = field(default_factory=lambda: f"crc-test-{uuid.uuid4().hex[:12]}")
    email_dir: Path | None = None
    process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {**self.env, "CRC_TEST_QUEUE": self.queue}
        celery = Path(sys.executable).parent / "celery"
        out = self.log.open("a")
        self.process = subprocess.Popen(
            [
                str(celery), "-A", "crc", "worker", "--loglevel=INFO", "--concurrency=1",
                "--pool=solo", "--without-gossip", "--without-mingle", "--without-heartbeat",
            ],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: no warm shutdown, no acknowledgement, no clean-up."""
        if self.alive():
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def tail(self, chars: int = 4000) -> str:
        return self.log.read_text()[-chars:] if self.log.exists() else ""


def worker_env(
    *,
    database_url: str,
    broker_url: str,
    email_dir: Path,
    var_dir: Path,
    transport_options: str = "",
    slow_mail_flag: str = "",
    cache_url: str = "",
) -> dict:
    """The environment of a worker started by a fault test (tests/resilience/worker_settings)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.resilience.worker_settings",
        "PYTHONPATH": str(REPO),
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "CRC_VAR_DIR": str(var_dir),
        "CRC_TEST_EMAIL_DIR": str(email_dir),
        "CRC_TEST_TRANSPORT_OPTIONS": transport_options,
        "CRC_TEST_SLOW_MAIL_FLAG": slow_mail_flag,
        "REDIS_URL": cache_url,
    }
    return env
