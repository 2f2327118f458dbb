"""Stand-ins for servers that fail: an SMTP server that refuses every message."""

from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend


class FailingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP server unreachable")
