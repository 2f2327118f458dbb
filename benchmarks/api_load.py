"""The load generator of benchmarks/api.py, run in its own process on loopback.

Two engines with one result shape (requests, seconds, p50/p95, errors, bytes):

- ``python``: http.client, one keep-alive connection per thread, a fixed number of
  requests per connection and a deadline. Always available.
- ``wrk``: when installed; bounded by duration. Much cheaper per request, which
  matters on a small machine where client and server share the cores.

A path may contain ``NONCE``; each request then replaces it with a value no other
request of the run uses (how the benchmark defeats a response cache).

    python -m benchmarks.api_load '{"port": 8000, "path": "/bench/trivial/"}'
"""

from __future__ import annotations

import http.client
import json
import math
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

NONCE = "NONCE"
CACHE_HEADER = "X-GraphQL-Cache"


@dataclass
class Load:
    port: int
    path: str
    host: str = "127.0.0.1"
    concurrency: int = 8
    requests: int = 1600  # python engine: total, split over the connections
    max_seconds: float = 30.0  # python: deadline; wrk: the duration
    engine: str = "python"


@dataclass
class Result:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    errors: int
    bytes_per_response: float
    statuses: dict[str, int] = field(default_factory=dict)
    # X-GraphQL-Cache of the responses (HIT, MISS, BYPASS), python engine only.
    cache: dict[str, int] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return math.nan
    index = min(len(sorted_values) - 1, max(0, math.ceil(q * len(sorted_values)) - 1))
    return sorted_values[index]


# --- python engine ---------------------------------------------------------------


def _connection_worker(
    load: Load,
    number: int,
    count: int,
    token: str,
    start: threading.Event,
    deadline: list[float],
    out: list,
) -> None:
    latencies: list[float] = []
    statuses: Counter = Counter()
    cache: Counter = Counter()
    received = errors = 0
    connection = http.client.HTTPConnection(load.host, load.port, timeout=30)
    start.wait()
    for index in range(count):
        if time.perf_counter() > deadline[0]:
            break
        path = load.path.replace(NONCE, f"{token}-{number}-{index}")
        began = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Accept": "application/json"})
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()  # http.client reopens it on the next request
            continue
        latencies.append(time.perf_counter() - began)
        statuses[str(response.status)] += 1
        if status := response.getheader(CACHE_HEADER):
            cache[status] += 1
        received += len(body)
        if response.status >= 400:
            errors += 1
    connection.close()
    out.append((latencies, statuses, received, errors, cache))


def run_python(load: Load) -> Result:
    per_connection = max(1, load.requests // load.concurrency)
    token = uuid.uuid4().hex[:8]
    start = threading.Event()
    deadline = [math.inf]
    out: list = []
    threads = [
        threading.Thread(
            target=_connection_worker,
            args=(load, number, per_connection, token, start, deadline, out),
        )
        for number in range(load.concurrency)
    ]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    deadline[0] = began + load.max_seconds
    start.set()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    latencies = sorted(value for part in out for value in part[0])
    statuses: Counter = Counter()
    cache: Counter = Counter()
    for part in out:
        statuses.update(part[1])
        cache.update(part[4])
    received = sum(part[2] for part in out)
    return Result(
        requests=len(latencies),
        seconds=seconds,
        p50_ms=_percentile(latencies, 0.50) * 1000,
        p95_ms=_percentile(latencies, 0.95) * 1000,
        errors=sum(part[3] for part in out),
        bytes_per_response=received / len(latencies) if latencies else 0.0,
        statuses=dict(statuses),
        cache=dict(cache),
    )


# --- wrk engine ------------------------------------------------------------------

WRK_SCRIPT = """
local prefix, suffix, token = nil, nil, nil
local counter = 0
local threads = {}

function setup(thread)
  thread:set("number", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  prefix, suffix, token = args[1], args[2] or "", args[3]
end

function request()
  local path = prefix
  if token ~= nil then
    counter = counter + 1
    path = prefix .. token .. "-" .. number .. "-" .. counter .. suffix
  end
  return wrk.format("GET", path, {["Accept"] = "application/json"})
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\nRESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, ' ..
    '"errors": %d, "status_errors": %d, "bytes": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(95), e.connect + e.read + e.write + e.timeout, e.status,
    summary.bytes))
end
"""


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def run_wrk(load: Load) -> Result:
    prefix, marker, suffix = load.path.partition(NONCE)
    args = [prefix, suffix, uuid.uuid4().hex[:8]] if marker else [prefix]
    with tempfile.TemporaryDirectory() as scratch:
        script = Path(scratch) / "bench.lua"
        script.write_text(WRK_SCRIPT)
        command = [
            "wrk",
            "-t1",  # one event loop saturates the server; leave the cores to it
            f"-c{load.concurrency}",
            f"-d{max(1, round(load.max_seconds))}s",
            "--timeout",
            "30s",
            "-s",
            str(script),
            f"http://{load.host}:{load.port}/",
            "--",
            *args,
        ]
        completed = subprocess.run(  # noqa: S603 - fixed argv, loopback only
            command,
            capture_output=True,
            text=True,
            timeout=load.max_seconds + 60,
            check=False,
        )
    line = next(
        (x for x in completed.stdout.splitlines() if x.startswith("RESULT ")), None
    )
    if line is None:
        raise RuntimeError(f"wrk failed: {completed.stdout}\n{completed.stderr}")
    data = json.loads(line.removeprefix("RESULT "))
    requests = data["requests"]
    return Result(
        requests=requests,
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p95_ms=data["p95_us"] / 1000,
        errors=data["errors"] + data["status_errors"],
        bytes_per_response=data["bytes"] / requests if requests else 0.0,
    )


def run(load: Load) -> Result:
    return run_wrk(load) if load.engine == "wrk" else run_python(load)


def run_in_subprocess(load: Load, *, cwd: Path) -> Result:
    """Run the load from a second process, so the caller's interpreter stays idle."""
    completed = subprocess.run(  # noqa: S603 - our own module, loopback only
        [sys.executable, "-m", "benchmarks.api_load", json.dumps(asdict(load))],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=load.max_seconds + 120,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"load generator failed:\n{completed.stderr}")
    data = json.loads(completed.stdout)
    return Result(**data)


def main() -> None:
    load = Load(**json.loads(sys.argv[1]))
    result = run(load)
    print(json.dumps(asdict(result)))


if __name__ == "__main__":
    main()
