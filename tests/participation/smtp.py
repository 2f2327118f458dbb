"""Local stand-ins for mail servers: one that never answers, one that speaks SMTP."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


class HangingSMTPServer:
    """Accepts TCP connections and never says a word (no banner, no replies)."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while True:
            try:
                conn, _address = self._listener.accept()
            except OSError:  # closed by stop()
                return
            self.connections.append(conn)

    def __enter__(self) -> HangingSMTPServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._listener.close()
        for conn in self.connections:
            conn.close()
        self._thread.join(timeout=5)


@dataclass
class _Inbox:
    messages: list[tuple[list[str], EmailMessage]] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


class RecordingSMTPServer:
    """A real SMTP server (aiosmtpd) on a free local port that keeps what it gets."""

    def __init__(self) -> None:
        self.inbox = _Inbox()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    @property
    def messages(self) -> list[tuple[list[str], EmailMessage]]:
        return self.inbox.messages

    def __enter__(self) -> RecordingSMTPServer:
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop()
