"""Settings for the real Celery worker that test_worker_integration starts.

crc.settings_test plus two switches the test needs and settings do not read from the
environment: e-mail to files (the test counts e-mails sent by another process) and a
queue of the test's own, so a developer's worker on the same Redis cannot take its
messages (nor this worker theirs).
"""

import os

from crc.settings_test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["CRC_TEST_EMAIL_DIR"]
CELERY_TASK_DEFAULT_QUEUE = os.environ["CRC_TEST_QUEUE"]
