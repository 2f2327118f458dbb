"""What benchmarks/api.py runs on: a scratch database and a gunicorn server."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class ScratchDatabase:
    """A SQLite file in the run's directory, or a PostgreSQL database made for the run.

    A PostgreSQL database that already exists is refused: the run drops what it
    creates, and only that.
    """

    def __init__(self, url: str | None, directory: Path) -> None:
        self.url = url or f"sqlite:///{directory / 'bench.sqlite3'}"
        parsed = urllib.parse.urlsplit(self.url)
        self.postgres = parsed.scheme in {"postgres", "postgresql", "pgsql"}
        self.name = parsed.path.lstrip("/")
        self.created = False
        if self.postgres and not self.name:
            raise SystemExit("--database-url: name the database to create")

    @property
    def label(self) -> str:
        return self.url.split("@")[-1]

    def _admin(self):
        import psycopg

        parsed = urllib.parse.urlsplit(self.url)
        admin = parsed._replace(scheme="postgresql", path="/postgres").geturl()
        return psycopg.connect(admin, autocommit=True)

    def create(self) -> None:
        if not self.postgres:
            return
        from psycopg import sql

        with self._admin() as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (self.name,)
            ).fetchone()
            if exists:
                raise SystemExit(
                    f"database {self.name} exists; the benchmark only uses (and "
                    "drops) a database it creates"
                )
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name))
            )
        self.created = True

    def drop(self) -> None:
        if not self.created:
            return
        from psycopg import sql

        with self._admin() as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(self.name)
                )
            )
        self.created = False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn serving the project with the benchmark settings, on loopback."""

    def __init__(
        self,
        *,
        port: int,
        env: dict[str, str],
        log: Path,
        workers: int,
        worker_class: str,
        threads: int,
        ready_path: str,
        python: Path | None = None,
    ) -> None:
        self.port = port
        self.log = log
        self.ready_path = ready_path
        command = [
            # Another virtualenv's python (the grapple peer) runs its own gunicorn.
            str(Path(python or sys.executable).with_name("gunicorn")),
            "cms.wsgi:application",
            "--chdir",
            str(ROOT),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            worker_class,
            "--threads",
            str(threads),
            "--limit-request-line",
            "8190",  # GraphQL over GET carries the query in the URL
            "--log-level",
            "warning",
        ]
        self.describe = f"gunicorn {worker_class}, {workers} workers" + (
            f" x {threads} threads" if worker_class == "gthread" else ""
        )
        self.handle = log.open("w")
        self.process = subprocess.Popen(  # noqa: S603 - fixed argv
            command, env=env, stdout=self.handle, stderr=subprocess.STDOUT
        )

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_tail()}")
            try:
                if probe(self.port, self.ready_path)[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn not ready:\n{self.log_tail()}")

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def cpu_seconds(self) -> float | None:
        """CPU time (user + system) the master and its workers used so far (Linux).

        Unlike requests/s, CPU per request hardly moves when other work on the
        machine competes for the cores.
        """
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        try:
            pids = [self.process.pid]
            children = Path(
                f"/proc/{self.process.pid}/task/{self.process.pid}/children"
            )
            pids += [int(pid) for pid in children.read_text().split()]
            for pid in pids:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, ValueError, IndexError):
            return None
        return total / ticks

    def worker_rss_mib(self) -> float | None:
        """Resident memory of the largest worker (VmRSS, MiB), None if unreadable."""
        try:
            children = Path(
                f"/proc/{self.process.pid}/task/{self.process.pid}/children"
            ).read_text()
            sizes = []
            for pid in children.split():
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]) / 1024)
        except (OSError, ValueError):
            return None
        return max(sizes) if sizes else None

    def wait_idle(
        self, *, busy_share: float = 0.05, window: float = 0.25, timeout: float = 30
    ) -> float:
        """Wait until the server has finished what it was doing; return the seconds.

        A scenario whose requests take hundreds of milliseconds ends with requests
        still running in the workers: without this wait they would be measured as
        part of the next scenario (both its requests/s and its CPU per request).
        Idle means the master and workers together used less than ``busy_share`` of
        one core over ``window`` seconds.
        """
        started = time.monotonic()
        previous = self.cpu_seconds()
        while previous is not None and time.monotonic() - started < timeout:
            time.sleep(window)
            current = self.cpu_seconds()
            if current is None or current - previous < busy_share * window:
                break
            previous = current
        return time.monotonic() - started

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # gunicorn stops its workers gracefully
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.handle.close()


def probe(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    """One GET, for checks: status, headers, body."""
    request = urllib.request.Request(  # noqa: S310 - loopback http only
        f"http://127.0.0.1:{port}{path}", headers={"Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def problem(status: int, body: bytes) -> str | None:
    """Why a response is not a usable benchmark response, or None."""
    if status != 200:
        return f"HTTP {status}: {body[:300]!r}"
    try:
        data = json.loads(body)
    except ValueError:
        return f"not JSON: {body[:200]!r}"
    if isinstance(data, dict) and data.get("errors"):
        return json.dumps(data["errors"], ensure_ascii=False)[:500]
    return None
