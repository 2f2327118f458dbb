"""Per-IP rate limits for public submissions, counted in the cache (Redis in production).

Fixed windows: ``limit`` submissions per ``window`` seconds per scope and client.
Limits come from ``settings.PARTICIPATION_RATE_LIMITS`` ({scope: (limit, window)}),
falling back to ``DEFAULT_LIMIT``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

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
    # add() is atomic on every backend; incr() is atomic on Redis and locmem.
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add() and incr()
        cache.set(key, 1, timeout=window + 5)
        count = 1
    if count > limit:
        return RateLimitResult(False, window_start + window - now)
    return RateLimitResult(True, 0)
