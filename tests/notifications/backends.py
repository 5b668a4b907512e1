"""E-mail backends standing in for an SMTP server in tests (only SMTP leaves the process)."""

import smtplib
import threading
import time

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class CountingBackend(LocmemBackend):
    """locmem, counting how many connections were opened."""

    opened = 0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        type(self).opened += 1


class FailingBackend(LocmemBackend):
    """Every message is refused by the server."""

    def send_messages(self, messages) -> int:
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class SlowBackend(LocmemBackend):
    """Takes a while per message, so that concurrent senders overlap."""

    lock = threading.Lock()

    def send_messages(self, messages) -> int:
        time.sleep(0.3)
        with self.lock:
            return super().send_messages(messages)
