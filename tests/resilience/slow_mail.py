"""An e-mail backend that stalls the first time it is used, for the worker-kill test.

The first send creates the flag file (CRC_TEST_SLOW_MAIL_FLAG), which tells the test
the task is in the middle of its work, and then hangs until the worker is killed.
Every later send (the flag exists) writes the e-mail to a file as usual.
"""

import os
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend as FileEmailBackend

STALL_SECONDS = 120


class EmailBackend(FileEmailBackend):
    def send_messages(self, email_messages):
        flag = Path(os.environ["CRC_TEST_SLOW_MAIL_FLAG"])
        if not flag.exists():
            flag.write_text(str(os.getpid()))
            time.sleep(STALL_SECONDS)
        return super().send_messages(email_messages)
