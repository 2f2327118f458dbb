"""The table and ratios benchmarks/api.py prints."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass

from benchmarks.api_load import Result

TARGET_UNCACHED_VS_REST = 1.0
TARGET_CACHED_VS_TRIVIAL = 0.6
TRIVIAL = "trivial Django view"


@dataclass
class Measurement:
    result: Result
    cpu_ms: float  # server CPU per request; nan when it cannot be read


@dataclass
class Row:
    name: str
    rps: float
    p50_ms: float
    p95_ms: float
    cpu_ms: float
    spread: float  # (max - min) / median of requests/s over the rounds
    errors: int
    kilobytes: float
    sql: int | None
    cache: dict[str, int]  # X-GraphQL-Cache seen while measuring (python client)


def summarize(name: str, rounds: list[Measurement], sql: int | None) -> Row:
    """The median round by requests/s; CPU per request is the median of its own."""
    ordered = sorted(rounds, key=lambda m: m.result.rps)
    middle = ordered[len(ordered) // 2].result
    rates = [m.result.rps for m in rounds]
    median_rate = statistics.median(rates)
    cpu = [m.cpu_ms for m in rounds if not math.isnan(m.cpu_ms)]
    cache: Counter = Counter()
    for m in rounds:
        cache.update(m.result.cache)
    return Row(
        name=name,
        rps=middle.rps,
        p50_ms=middle.p50_ms,
        p95_ms=middle.p95_ms,
        cpu_ms=statistics.median(cpu) if cpu else math.nan,
        spread=(max(rates) - min(rates)) / median_rate if median_rate else 0.0,
        errors=sum(m.result.errors for m in rounds),
        kilobytes=middle.bytes_per_response / 1024,
        sql=sql,
        cache=dict(cache),
    )


def print_table(rows: list[Row], *, rounds: int) -> None:
    header = (
        f"{'scenario':<26} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'CPU ms':>7} {'SQL':>4} {'KB':>5}"
    )
    if rounds > 1:
        header += f" {'spread':>6}"
    header += " errors"
    print(header)
    print("-" * len(header))
    for row in rows:
        sql = "" if row.sql is None else str(row.sql)
        line = (
            f"{row.name:<26} {row.rps:>8.1f} {row.p50_ms:>8.1f} {row.p95_ms:>8.1f} "
            f"{row.cpu_ms:>7.2f} {sql:>4} {row.kilobytes:>5.1f}"
        )
        if rounds > 1:
            line += f" {row.spread:>6.0%}"
        print(line + f" {row.errors:>6}")
    print(
        "\nreq/s, p50, p95: the median round; CPU ms: server CPU (all gunicorn "
        "processes) per request;\nSQL: queries one request runs; KB: response body."
    )
    seen = [
        f"{row.name}: " + " ".join(f"{k} {v}" for k, v in sorted(row.cache.items()))
        for row in rows
        if row.cache
    ]
    if seen:
        print("X-GraphQL-Cache while measuring: " + "; ".join(seen))


def print_ratios(rows: list[Row]) -> None:
    by_name = {row.name: row for row in rows}

    def line(a: str, b: str, target: float) -> None:
        if a not in by_name or b not in by_name or not by_name[b].rps:
            return
        rate = by_name[a].rps / by_name[b].rps
        # Requests one CPU second serves, compared: the same ratio, less noisy.
        cpu_a, cpu_b = by_name[a].cpu_ms, by_name[b].cpu_ms
        by_cpu = cpu_b / cpu_a if cpu_a and not math.isnan(cpu_a + cpu_b) else math.nan
        verdict = "meets" if rate >= target else "misses"
        print(
            f"  {a + ' / ' + b:<50} {rate:5.2f}  by CPU {by_cpu:5.2f}"
            f"  ({verdict} target >= {target:.2f})"
        )

    print("\nRatios (requests/s; 'by CPU' = the same from server CPU per request):")
    line("GraphQL list uncached", "REST v2 list", TARGET_UNCACHED_VS_REST)
    line("GraphQL detail uncached", "REST v2 detail", TARGET_UNCACHED_VS_REST)
    for group in ("list", "detail", "home"):
        line(f"GraphQL {group} cached", TRIVIAL, TARGET_CACHED_VS_TRIVIAL)
