"""The table and ratios benchmarks/api.py prints."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass

from benchmarks.api_load import Result

TARGET_UNCACHED_VS_REST = 1.0
TARGET_CACHED_VS_TRIVIAL = 0.9
# Against the wagtail-grapple peer (issue 12, "Faster reads").
TARGET_LIST_CPU_VS_GRAPPLE = 0.5  # at most
TARGET_LIST_RATE_VS_GRAPPLE = 2.0  # at least
TARGET_DETAIL_CPU_VS_GRAPPLE = 1.5  # at most
TARGET_WORKER_RSS_MIB = 200  # under
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


def print_ratios(rows: list[Row], rss: dict[str, float | None] | None = None) -> None:
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

    def against_peer(ours: str, peer: str, *, cpu_at_most: float, rate_at_least=None):
        if ours not in by_name or peer not in by_name:
            return
        a, b = by_name[ours], by_name[peer]
        cpu = a.cpu_ms / b.cpu_ms if b.cpu_ms else math.nan
        rate = a.rps / b.rps if b.rps else math.nan
        verdicts = [
            f"CPU {'meets' if cpu <= cpu_at_most else 'misses'} <= {cpu_at_most:.2f}"
        ]
        if rate_at_least is not None:
            verdicts.append(
                f"req/s {'meets' if rate >= rate_at_least else 'misses'}"
                f" >= {rate_at_least:.2f}"
            )
        print(
            f"  {ours + ' / ' + peer:<50} CPU {cpu:5.2f}  req/s {rate:5.2f}"
            f"  ({'; '.join(verdicts)})"
        )

    if any(row.name.startswith("grapple") for row in rows):
        print(
            "\nAgainst wagtail-grapple (ours / grapple; CPU: server CPU per request):"
        )
        against_peer(
            "GraphQL list uncached",
            "grapple list",
            cpu_at_most=TARGET_LIST_CPU_VS_GRAPPLE,
            rate_at_least=TARGET_LIST_RATE_VS_GRAPPLE,
        )
        against_peer(
            "GraphQL detail uncached",
            "grapple detail",
            cpu_at_most=TARGET_DETAIL_CPU_VS_GRAPPLE,
        )
    if rss:
        shown = ", ".join(
            f"{name} {value:.0f} MiB" for name, value in rss.items() if value
        )
        ours = rss.get("ours")
        verdict = (
            ""
            if ours is None
            else f" ({'meets' if ours < TARGET_WORKER_RSS_MIB else 'misses'} ours"
            f" < {TARGET_WORKER_RSS_MIB} MiB)"
        )
        print(f"\nWorker RSS after load (largest worker): {shown}{verdict}")
