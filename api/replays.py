"""Side effects that belong to every request, not to every execution.

A cached response is served without running its resolvers, yet some of what they
did must happen for each request: a public search is logged once per search made
(the hot-query report counts them), not once per cache entry. Resolvers record such
effects on the context as (kind, arguments); the transport runs them after
executing, stores them with the cached response, and runs them again on each hit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

logger = logging.getLogger(__name__)

Replay = tuple[str, tuple]


def _log_search(query: str, result_count: int, site_id: int | None) -> None:
    from wagtail.models import Site

    from search.querylog import log_search

    site = Site(pk=site_id) if site_id is not None else None
    log_search(query=query, result_count=result_count, site=site)


HANDLERS: dict[str, Callable[..., None]] = {"search.log": _log_search}


def search_logged(query: str, result_count: int, site_id: int | None) -> Replay:
    return ("search.log", (query, result_count, site_id))


def run(replays: Iterable[Replay]) -> None:
    """Run recorded side effects; one that fails is logged, never raised."""
    for kind, args in replays:
        try:
            HANDLERS[kind](*args)
        except Exception:
            logger.warning(
                "Could not repeat %s for a served response", kind, exc_info=True
            )
