"""The thresholds of link inspection, overridable in settings (tests shorten them)."""

from __future__ import annotations

import datetime

from django.conf import settings

DEFAULTS = {
    # A check gives up after this many seconds (connect, redirects and body).
    "LINKCHECK_TIMEOUT": 15.0,
    # Slower than this is 较慢 (caution).
    "LINKCHECK_SLOW_SECONDS": 5.0,
    # This many redirects or more is broken; two or more is caution.
    "LINKCHECK_MAX_REDIRECTS": 8,
    "LINKCHECK_CAUTION_REDIRECTS": 2,
    # A result younger than this is reused instead of fetched again.
    "LINKCHECK_REUSE_HOURS": 4,
    # Failures must repeat over this span before a link counts as broken.
    "LINKCHECK_CONFIRM_HOURS": 24,
    "LINKCHECK_HISTORY_DAYS": 28,
    # Concurrent requests of one batch, and links per batch (one task each).
    "LINKCHECK_CONCURRENCY": 16,
    "LINKCHECK_BATCH_SIZE": 500,
    # How much of a service item's landing page is read to find the item.
    "LINKCHECK_MAX_BODY_BYTES": 1_000_000,
    "LINKCHECK_USER_AGENT": "ZWGK-LinkCheck/1.0 (government disclosure link inspection)",
}


def value(name: str):
    return getattr(settings, name, DEFAULTS[name])


def timeout() -> float:
    return float(value("LINKCHECK_TIMEOUT"))


def reuse_age() -> datetime.timedelta:
    return datetime.timedelta(hours=float(value("LINKCHECK_REUSE_HOURS")))


def confirm_span() -> datetime.timedelta:
    return datetime.timedelta(hours=float(value("LINKCHECK_CONFIRM_HOURS")))


def history_age() -> datetime.timedelta:
    return datetime.timedelta(days=float(value("LINKCHECK_HISTORY_DAYS")))
