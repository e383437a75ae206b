"""Point this process's Celery app at another broker for a while (test helper).

Celery caches its broker connection pool and producer pool, and CELERY_BROKER_URL in
the environment beats the configured broker_url, so all three are swapped and restored.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager

from crc.celery import app as celery_app

UNREACHABLE_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1: refused at once


def _reset_pools() -> None:
    # Dropped, not closed: kombu keeps one pool per broker in a global registry, and a
    # closed one would be handed back when the original broker is restored.
    celery_app._pool = None
    amqp = celery_app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


@contextmanager
def celery_broker(url: str, transport_options: dict | None = None) -> Iterator[None]:
    conf = celery_app.conf
    saved = (conf.broker_url, conf.broker_transport_options, os.environ.get("CELERY_BROKER_URL"))
    _reset_pools()
    conf.broker_url = url
    conf.broker_transport_options = transport_options or {}
    os.environ["CELERY_BROKER_URL"] = url
    try:
        yield
    finally:
        _reset_pools()
        conf.broker_url, conf.broker_transport_options, env_url = saved
        if env_url is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = env_url


def filesystem_transport_options(folder) -> dict:
    for sub in ("queue", "processed", "control"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    return {
        "data_folder_in": str(folder / "queue"),
        "data_folder_out": str(folder / "queue"),
        "processed_folder": str(folder / "processed"),
        "control_folder": str(folder / "control"),
        "store_processed": False,
    }
