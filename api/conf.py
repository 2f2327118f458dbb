"""The API's transport settings, read from Django settings with typed defaults.

cms/settings.py may set any of these (e.g. from the environment); nothing else in
api/ reads ``django.conf.settings`` for them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver


@dataclass(frozen=True)
class ApiSettings:
    # Cache-Control of public responses: browsers and CDNs keep them for
    # ``max_age`` seconds, then may serve them stale while they revalidate.
    max_age: int
    stale_while_revalidate: int
    # Seconds a response stays in the server-side response cache; 0 disables it.
    # Invalidation is by generation, so this only bounds memory and clock-driven
    # drift (validity and "upcoming" depend on the date, not on an edit).
    response_cache_timeout: int
    cache_alias: str
    # How long an automatically persisted query (Apollo APQ) is remembered.
    apq_timeout: int
    # Accept only allow-listed queries on every request.
    persisted_queries_only: bool
    # ``X-Client`` header values that switch a request to allow-list mode.
    persisted_only_clients: frozenset[str]
    # Where the generation stamp lives when the cache is process-local.
    generation_file: Path | None
    # Largest request body (bytes) the endpoint reads; larger ones get 413. The
    # token limit keeps queries far below this; it bounds the variables.
    max_body_size: int
    # Seconds one request may spend executing before its remaining fields are
    # refused (QUERY_TIMEOUT); 0 disables the budget.
    time_budget: float


@functools.cache
def api_settings() -> ApiSettings:
    """Read once per process (it is on every request's path); reset on change."""
    generation_file = getattr(settings, "GRAPHQL_GENERATION_FILE", None)
    return ApiSettings(
        max_age=int(getattr(settings, "GRAPHQL_CACHE_MAX_AGE", 60)),
        stale_while_revalidate=int(
            getattr(settings, "GRAPHQL_CACHE_STALE_WHILE_REVALIDATE", 600)
        ),
        response_cache_timeout=int(
            getattr(settings, "GRAPHQL_RESPONSE_CACHE_TIMEOUT", 300)
        ),
        cache_alias=getattr(settings, "GRAPHQL_CACHE_ALIAS", "default"),
        apq_timeout=int(getattr(settings, "GRAPHQL_APQ_TIMEOUT", 7 * 24 * 3600)),
        persisted_queries_only=bool(
            getattr(settings, "GRAPHQL_PERSISTED_QUERIES_ONLY", False)
        ),
        persisted_only_clients=frozenset(
            client.lower()
            for client in getattr(
                settings, "GRAPHQL_PERSISTED_ONLY_CLIENTS", ("miniprogram",)
            )
        ),
        generation_file=Path(generation_file) if generation_file else None,
        max_body_size=int(getattr(settings, "GRAPHQL_MAX_BODY_SIZE", 1024 * 1024)),
        time_budget=float(getattr(settings, "GRAPHQL_TIME_BUDGET", 5.0)),
    )


@receiver(setting_changed)
def _reset_api_settings(*, setting: str, **kwargs) -> None:
    # Tests override settings; production never changes them at run time.
    if setting.startswith("GRAPHQL_"):
        api_settings.cache_clear()
