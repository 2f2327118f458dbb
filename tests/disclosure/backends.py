"""A mail backend that always fails, standing in for an unreachable mail server."""

from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend


class FailingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server unreachable")
