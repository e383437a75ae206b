"""Settings of the real Celery worker a fault test starts (tests/resilience/services.py).

tests.notifications.worker_settings (e-mail to files, a queue of the test's own) plus:
broker transport options from the environment (a short visibility timeout, so a
killed worker's unacknowledged message comes back within seconds, not an hour), and an
e-mail backend that stalls once so a test can kill the worker in the middle of a task.
"""

import json
import os

from tests.notifications.worker_settings import *  # noqa: F403

if os.environ.get("CRC_TEST_TRANSPORT_OPTIONS"):
    CELERY_BROKER_TRANSPORT_OPTIONS = json.loads(os.environ["CRC_TEST_TRANSPORT_OPTIONS"])
if os.environ.get("CRC_TEST_SLOW_MAIL_FLAG"):
    EMAIL_BACKEND = "tests.resilience.slow_mail.EmailBackend"
