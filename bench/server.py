"""gunicorn on loopback for the bench scripts: DEBUG off, persistent connections, started
and waited for (the bare floor view answers) before any request is timed. No Django here:
the scripts that import this set Django up (or not) themselves."""

import http.client
import os
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_gunicorn(port: int, workers: int, env_overrides: dict | None = None) -> subprocess.Popen:
    env = dict(os.environ)
    env.pop("DEBUG", None)
    env.setdefault("SECRET_KEY", "bench-only-not-secret")
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    env.setdefault("CONN_MAX_AGE", "600")
    env.update(env_overrides or {})
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "crc.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--timeout",
            "300",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(120):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz/floor", headers={"X-Forwarded-Proto": "https"})
            if conn.getresponse().status == 200:
                return process
        except OSError:
            pass
        time.sleep(1)
    process.terminate()
    raise SystemExit("gunicorn did not start")
