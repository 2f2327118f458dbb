"""A mail server that is down: the stand-in for what cannot fail on demand here."""

from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend


class BrokenEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP server unreachable")
