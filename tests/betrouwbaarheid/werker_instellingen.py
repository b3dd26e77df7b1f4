"""Settings of the Celery worker that test_storingen.py starts as a real process and kills.

The normal settings, plus the queue of one test run — so parallel runs, and other workers on the
same Redis, never take each other's tasks — and, when a test asks for it, a visibility timeout of
seconds instead of an hour, so a task whose worker died is handed out again while it waits.
"""

import os

from casusregie.settings import *  # noqa: F403

CELERY_TASK_DEFAULT_QUEUE = os.environ["CASUSREGIE_TEST_WACHTRIJ"]
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CASUSREGIE_TEST_ZICHTBAARHEID", "3600")),
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
if os.environ.get("CASUSREGIE_TEST_MAILMAP"):
    EMAIL_BACKEND = "tests.betrouwbaarheid.trage_mail.TrageMail"
    EMAIL_FILE_PATH = os.environ["CASUSREGIE_TEST_MAILMAP"]
