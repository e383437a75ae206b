"""Fixtures of the resilience tests: for the fault tests a private Redis, real workers on
it and the ledger's inputs; for the concurrency tests the policy rows a flush removed."""

import contextlib
import importlib
import json
import re
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse

from cases.models import GridPhase
from crc.notifications.models import Notification
from tests.conftest import sign_in
from tests.factories import GridRuleFactory
from tests.notifications.brokers import celery_broker
from tests.resilience.services import (
    PrivateCluster,
    PrivateRedis,
    ServiceUnavailable,
    Worker,
    worker_env,
)

WAIT_SECONDS = 60
# Short, so a killed worker's unacknowledged message is handed out again within seconds.
VISIBILITY_TIMEOUT = 3
REDIS_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "visibility_timeout": VISIBILITY_TIMEOUT,
    # kombu 5.5+ restores unacknowledged messages at worker start and then only every
    # unacked_restore_interval x unacked_restore_throttle seconds (about 100 s by
    # default), longer than the test waits. Production keeps the defaults: an hour's
    # visibility timeout dwarfs them.
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}


# A save with the broker down waits out the publish retry policy, no more.
MAX_SAVE_SECONDS = 5.0


def signed_in_client(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def grid_for(case) -> None:
    """The Grid is seeded by a migration, which a transactional test's flush empties."""
    for phase in GridPhase.values:
        GridRuleFactory(tier=case.tier, phase=phase)


def allocate(client: Client, case, officer) -> float:
    """The officers' journey: an SPO (re)allocates a case, which alerts the new holder.
    Returns how long the save took."""
    started = time.monotonic()
    response = client.post(
        reverse("cases:allocate", args=[case.crn]),
        {"officer": str(officer.pk), "reason": "Cover while on leave"},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    return time.monotonic() - started


def officers_browse(clients: dict, case) -> None:
    pages = [reverse("home"), reverse("cases:caseload"), reverse("notifications:inbox")]
    for name, client in clients.items():
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, (name, url, response.status_code)
    response = clients["spo"].get(reverse("cases:overview", args=[case.crn]))
    assert response.status_code == 200


def database_url() -> str:
    """This test database, as a URL another process (a worker, a web server) can open."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{quote(db['USER'], safe='')}{password}@{host}:{port}/{db['NAME']}"


def wait_for(condition, what: str, worker: Worker | None = None, timeout=WAIT_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    tail = worker.tail() if worker is not None else ""
    pytest.fail(f"Waited {timeout}s for {what}. Worker log:\n{tail}")


EMAIL_LINK = re.compile(r"/notifications/(\d+)/")


def emails_in(folder: Path) -> list[str]:
    """Every e-mail the file backend wrote (one file per connection, many per file)."""
    text = "".join(p.read_text() for p in sorted(folder.glob("*.log")))
    return [part for part in text.split("-" * 79) if "Subject:" in part]


def delivered_keys(email_dir: Path) -> tuple[list, list]:
    """(inbox rows, e-mails) as (outbox message id, recipient id) keys for the ledger."""
    rows = {
        n.pk: (str(n.source_message_id), n.recipient_id)
        for n in Notification.objects.exclude(source_message=None)
    }
    inbox = list(rows.values())
    emails = []
    for email in emails_in(email_dir):
        match = EMAIL_LINK.search(email)
        emails.append(rows.get(int(match[1]), ("unknown", match[1])) if match else ("no link",))
    return inbox, emails


@contextlib.contextmanager
def set_up_or_skip(set_up, tear_down):
    """Run set_up, skipping the test when the private service cannot run on this machine
    (ServiceUnavailable); tear_down whatever happens once it is up. The private Redis and
    the private PostgreSQL cluster share this."""
    try:
        set_up()
    except ServiceUnavailable as exc:
        pytest.skip(str(exc))
    try:
        yield
    finally:
        tear_down()


@pytest.fixture
def private_redis(tmp_path):
    redis = PrivateRedis(folder=tmp_path / "redis")
    with set_up_or_skip(redis.start, redis.stop):
        yield redis


@pytest.fixture
def on_private_redis(private_redis, settings):
    """This process publishes to the private Redis and caches in it, as production does."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": private_redis.url(1),
            # As the broker's: a dead Redis must fail fast, not hang a page.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 5},
        }
    }
    with celery_broker(private_redis.url(0), REDIS_OPTIONS):
        yield private_redis


@pytest.fixture
def start_worker(transactional_db, tmp_path):
    """Start workers on this test's database; every one is stopped at the end."""
    started: list[Worker] = []
    email_dir = tmp_path / "mail"
    email_dir.mkdir()

    def start(*, broker_url: str, transport_options: dict, queue: str = "celery", **extra):
        # A private broker has no other consumer: the worker takes the default queue,
        # where the service's own publishes go.
        env = worker_env(
            database_url=database_url(),
            broker_url=broker_url,
            email_dir=email_dir,
            var_dir=tmp_path / "var",
            transport_options=json.dumps(transport_options),
            **extra,
        )
        worker = Worker(
            env=env, log=tmp_path / f"worker-{len(started)}.log", queue=queue, email_dir=email_dir
        )
        worker.start()
        started.append(worker)
        return worker

    try:
        yield start
    finally:
        # Before transactional_db flushes the tables a worker may still hold open.
        for worker in started:
            worker.stop()


@pytest.fixture
def private_cluster(transactional_db):
    """A stopped, initialised private PostgreSQL cluster; the test starts it."""
    if connection.vendor != "postgresql":
        pytest.skip("A private cluster is a copy of a PostgreSQL test database (DATABASE_URL)")
    cluster = PrivateCluster()
    with set_up_or_skip(cluster.init, cluster.destroy):
        yield cluster


# Transactional tests (threads need committed rows) start from a flushed database, which
# has lost the rows the data migrations seed: the Grid, the policy tables, the reference
# data. Seed them again the way the migrations do.
SEEDS = [
    ("cases.migrations.0002_policy_defaults", "seed"),
    ("unpaidwork.migrations.0002_policy_row", "create_policy"),
    ("crc.dashboards.migrations.0002_reference_data", "seed"),
    ("resettlement.migrations.0002_resettlement_prisons", "add_prisons"),
]


@pytest.fixture(autouse=True)
def _seeded_policy(request):
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    for module, function in SEEDS:
        getattr(importlib.import_module(module), function)(apps, None)
