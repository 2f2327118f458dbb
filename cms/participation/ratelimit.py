"""Per-IP rate limits for public submissions, counted in the cache (Redis in production).

Fixed windows: ``limit`` submissions per ``window`` seconds per scope and client.
Limits come from ``settings.PARTICIPATION_RATE_LIMITS`` ({scope: (limit, window)}),
falling back to ``DEFAULT_LIMIT``.

When the cache is unreachable (Redis down), submissions are not refused and limits
are not dropped either: each process counts in its own memory until the cache
answers again, with a warning logged.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)

DEFAULT_LIMIT = (10, 3600)


@dataclass(frozen=True)
class RateLimitResult:
    allowed: bool
    retry_after: int  # seconds until the window resets (0 when allowed)


def client_ip(request: HttpRequest) -> str:
    """The client's address; X-Forwarded-For only counts behind trusted proxies.

    ``TRUSTED_PROXY_COUNT`` (default 0) says how many proxies in front of the app
    append to X-Forwarded-For; the address they saw is taken from the right.
    """
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.headers.get("X-Forwarded-For", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def limit_for(scope: str) -> tuple[int, int]:
    return getattr(settings, "PARTICIPATION_RATE_LIMITS", {}).get(scope, DEFAULT_LIMIT)


def hit(*, scope: str, request: HttpRequest) -> RateLimitResult:
    """Count one submission; say whether it is within the limit."""
    limit, window = limit_for(scope)
    now = int(time.time())
    window_start = now - now % window
    key = f"ratelimit:{scope}:{client_ip(request)}:{window_start}"
    try:
        count = _count_in_cache(key, window)
    except Exception:
        logger.warning(
            "Rate limit: cache unavailable, counting in this process", exc_info=True
        )
        count = _local.count(key, expires_at=window_start + window)
    if count > limit:
        return RateLimitResult(False, window_start + window - now)
    return RateLimitResult(True, 0)


def _count_in_cache(key: str, window: int) -> int:
    # add() is atomic on every backend; incr() is atomic on Redis and locmem.
    cache.add(key, 0, timeout=window + 5)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add() and incr()
        cache.set(key, 1, timeout=window + 5)
        return 1


class _LocalCounters:
    """Fixed-window counters in this process's memory, for when the cache is down."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, tuple[int, int]] = {}  # key: (count, expires_at)

    def count(self, key: str, *, expires_at: int) -> int:
        now = int(time.time())
        with self._lock:
            if len(self._counts) > 10_000:  # forget windows that have ended
                self._counts = {k: v for k, v in self._counts.items() if v[1] > now}
            count = self._counts.get(key, (0, expires_at))[0] + 1
            self._counts[key] = (count, expires_at)
            return count

    def clear(self) -> None:
        with self._lock:
            self._counts.clear()


_local = _LocalCounters()
