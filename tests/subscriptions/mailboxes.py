"""Mail servers for delivery runs: a real SMTP server (aiosmtpd) that tells its
connections apart and can turn recipients away, and an e-mail backend that
records which worker sent what."""

from __future__ import annotations

import socket
import threading
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller
from django.core.mail.backends.base import BaseEmailBackend


class _Handler:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], object]] = []
        self.peers: set[tuple] = set()  # one (host, port) per client connection
        self.turn_away: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
        self.peers.add(session.peer)
        if address in self.turn_away:
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


class CountingSMTPServer:
    """An SMTP server on a free local port: what it got, over how many connections,
    and a temporary refusal (451) for the addresses in ``turn_away``."""

    def __init__(self) -> None:
        self.handler = _Handler()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._controller = Controller(
            self.handler, hostname="127.0.0.1", port=self.port
        )

    def __enter__(self) -> CountingSMTPServer:
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop()


class WorkerMailbox(BaseEmailBackend):
    """Records (worker thread, idempotency key) for every message sent. A worker's
    first send waits until the other worker is sending too (``meet``), so the two
    hold their groups at the same time."""

    sent: list[tuple[int, str]] = []
    lock = threading.Lock()
    meet: threading.Barrier | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._met = False

    def send_messages(self, messages) -> int:
        if not self._met and WorkerMailbox.meet is not None:
            WorkerMailbox.meet.wait(timeout=20)
            self._met = True
        with WorkerMailbox.lock:
            for message in messages:
                key = message.extra_headers["X-Idempotency-Key"]
                WorkerMailbox.sent.append((threading.get_ident(), key))
        return len(messages)
