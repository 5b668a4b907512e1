"""E-mail backends standing in for an SMTP server in tests (only SMTP leaves the process)."""

import smtplib
import threading
import time

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class CountingBackend(LocmemBackend):
    """locmem with connections like the SMTP backend's, counting how many were opened."""

    opened = 0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.is_open = False

    def open(self) -> bool:
        if self.is_open:
            return False
        self.is_open = True
        type(self).opened += 1
        return True

    def close(self) -> None:
        self.is_open = False

    def send_messages(self, messages) -> int:
        # Like the SMTP backend: a connection opened here is closed again after the call.
        opened_here = self.open()
        try:
            return super().send_messages(messages)
        finally:
            if opened_here:
                self.close()


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
