"""A mail backend for the worker that test_storingen.py kills while it mails: Django's file backend
(every message written and flushed to EMAIL_FILE_PATH as it is sent), with a pause after each
message, so a kill most likely falls after the mail server took a mail and before the worker
could note that it did: the moment that decides whether a retry sends it again."""

import time

from django.core.mail.backends.filebased import EmailBackend


class TrageMail(EmailBackend):
    def send_messages(self, email_messages):
        verzonden = super().send_messages(email_messages)
        time.sleep(0.05)
        return verzonden
