"""The GraphQL response cache and its invalidation.

Every response key contains the current *generation*. Any change to content the API
can return bumps the generation, which orphans every cached response at once: O(1),
nothing to enumerate, and every process sees it because the generation lives in
the shared cache (Redis). Orphaned entries simply expire.

With a process-local cache (LocMemCache, the embedded default) each worker has
its own entries, and a bump in the admin's worker would not reach the others, so
the generation then lives in a small stamp file that every worker on the host
reads instead (one ``read()`` per request, no database query).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import logging
import os
import tempfile
import time
import uuid
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction
from django.db.models import Model
from django.http import HttpRequest
from django.utils import timezone
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from .conf import api_settings
from .domain import Watch
from .http import client_asks_allow_list

logger = logging.getLogger(__name__)

GENERATION_KEY = "graphql:generation"
RESPONSE_PREFIX = "graphql:response"

# Images, documents, site settings and registered snippets are recognised by their
# base class or registry; every other model a response shows is declared by its
# domain (api/<domain>/schema.py, Watch).
WATCHED_BASES = (AbstractImage, AbstractDocument, BaseSiteSetting, BaseGenericSetting)
WAS_PUBLIC_ATTR = "_api_cache_was_public"


def _backend() -> BaseCache:
    return caches[api_settings().cache_alias]


def _is_process_local(backend: BaseCache) -> bool:
    return isinstance(backend, LocMemCache | DummyCache)


# --- Generation ------------------------------------------------------------------------


def _generation_file() -> Path:
    configured = api_settings().generation_file
    if configured is not None:
        return configured
    return _default_generation_file(
        str(settings.BASE_DIR),
        settings.DATABASES["default"]["ENGINE"],
        str(settings.DATABASES["default"]["NAME"]),
    )


@functools.lru_cache(maxsize=8)
def _default_generation_file(base_dir: str, engine: str, name: str) -> Path:
    # One stamp per project and database, so two checkouts on a host stay apart.
    tag = f"{base_dir}|{engine}|{name}"
    digest = hashlib.blake2b(tag.encode(), digest_size=6).hexdigest()
    return Path(tempfile.gettempdir()) / f"zwgk-graphql-{digest}.generation"


def _write_stamp(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(f"{path.name}.{uuid.uuid4().hex}")
    scratch.write_text(uuid.uuid4().hex)
    os.replace(scratch, path)  # atomic: readers see the old or the new stamp


def _stamp_generation(path: Path) -> str:
    # Every bump replaces the file (a new inode, a new mtime): stat() tells the
    # generation without opening the file, several times cheaper than reading it.
    stat = os.stat(path)
    return f"{stat.st_ino}-{stat.st_mtime_ns}"


def current_generation(backend: BaseCache | None = None) -> str:
    """The generation every response key carries; ``backend``: the response
    cache, when the caller holds it already."""
    backend = backend or _backend()
    if _is_process_local(backend):
        path = _generation_file()
        try:
            return _stamp_generation(path)
        except FileNotFoundError:
            _write_stamp(path)
            return _stamp_generation(path)
    if _owed_bump:
        _increment(backend)  # an invalidation missed while the cache was down
    value = backend.get(GENERATION_KEY)
    if value is None:
        # Seeded from the clock, not 1: if the key is ever evicted, the new counter
        # cannot meet responses stored under an old generation again.
        backend.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = backend.get(GENERATION_KEY)
    return str(value)


# Set when a bump failed (Redis unreachable): the next read of the generation
# bumps first, so responses cached before the change are not served once the
# cache is back.
_owed_bump = False


def _increment(backend: BaseCache) -> None:
    global _owed_bump
    try:
        backend.incr(GENERATION_KEY)
    except ValueError:  # never read yet, or evicted
        backend.add(GENERATION_KEY, time.time_ns(), timeout=None)
    _owed_bump = False


def _bump() -> None:
    global _owed_bump
    backend = _backend()
    try:
        if _is_process_local(backend):
            _write_stamp(_generation_file())
            return
        _increment(backend)
    except Exception:
        _owed_bump = True
        logger.warning(
            "GraphQL response cache: could not bump the generation", exc_info=True
        )


def invalidate() -> None:
    """Orphan every cached response now, and again when the transaction commits.

    The second bump matters: a request that read the old rows just before the
    commit could have stored them under the first bumped generation.
    """
    _bump()
    if connection.in_atomic_block:
        transaction.on_commit(_bump, robust=True)


# --- Reads memoized per generation ---------------------------------------------------

T = TypeVar("T")
_memos: list[GenerationMemo] = []


class GenerationMemo(Generic[T]):
    """``compute(*key)`` once per generation in this process, then remembered.

    For reads every request repeats whose rows the API watches (view restrictions,
    sites): a change to them bumps the generation, in every process, so the next
    call computes again. The generation is read before computing, as in ``Slot``:
    a change landing meanwhile leaves the value under the old generation.
    """

    MAX_KEYS = 256

    def __init__(self, compute: Callable[..., T]) -> None:
        self.compute = compute
        self._held: dict[Hashable, tuple[str, T]] = {}
        _memos.append(self)

    def __call__(self, *key: Hashable) -> T:
        try:
            generation = current_generation()
        except Exception:  # the shared cache is down: read, do not remember
            return self.compute(*key)
        held = self._held.get(key)
        if held is not None and held[0] == generation:
            return held[1]
        value = self.compute(*key)
        if len(self._held) >= self.MAX_KEYS:
            self._held.clear()
        self._held[key] = (generation, value)
        return value

    def clear(self) -> None:
        self._held.clear()


def forget_memos() -> None:
    """Drop every memoized read (tests: rolled-back rows fire no signals)."""
    for memo in _memos:
        memo.clear()


# --- Today -----------------------------------------------------------------------------

# (first and last-plus-one POSIX second of today, today in ISO form).
_day: tuple[float, float, str] = (0.0, 0.0, "")


def today_iso() -> str:
    """``timezone.localdate().isoformat()`` in the project's time zone (nothing
    activates another), worked out once a day.

    It is part of every response key (``fingerprint``), so every cached answer
    asks for it; held until the clock passes the next local midnight.
    """
    global _day  # noqa: PLW0603 - one immutable tuple, replaced whole
    now = time.time()
    start, end, iso = _day
    if start <= now < end:
        return iso
    local = datetime.datetime.fromtimestamp(now, timezone.get_default_timezone())
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    # Wall-clock arithmetic on an aware datetime: the next local midnight.
    following = midnight + datetime.timedelta(days=1)
    _day = (midnight.timestamp(), following.timestamp(), local.date().isoformat())
    return _day[2]


# --- Responses ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CachedResponse:
    body: bytes
    etag: str
    # Side effects to repeat whenever this response is served (api/replays.py).
    replays: tuple = ()


def etag_for(body: bytes) -> str:
    """A strong validator: the same bytes, and only they, get the same ETag."""
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def fingerprint(
    *,
    document_digest: str,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    host: str,
) -> str:
    """What makes two requests the same response (the generation comes on top).

    The date is part of it because validity and upcoming/past are computed from
    today, which changes at midnight without any edit.
    """
    material = [
        document_digest,
        operation_name or "",
        variables or {},
        host.lower(),
        today_iso(),
    ]
    encoded = json.dumps(
        material, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256(encoded.encode()).hexdigest()


@dataclass(frozen=True)
class Slot:
    """One response's place in the cache, under the generation read before executing.

    Reading the generation first means that a change landing while the query runs
    stores the result under the old generation, where nobody will read it.
    """

    key: str
    timeout: int
    # The response cache as slot_for found it (one lookup of the backend a hit).
    backend: BaseCache | None = field(default=None, compare=False, repr=False)

    def get(self) -> CachedResponse | None:
        try:
            value = (self.backend or _backend()).get(self.key)
        except Exception:
            logger.warning("GraphQL response cache unavailable", exc_info=True)
            return None
        return CachedResponse(*value) if value else None

    def put(self, response: CachedResponse) -> None:
        try:
            (self.backend or _backend()).set(
                self.key,
                (response.body, response.etag, response.replays),
                self.timeout,
            )
        except Exception:
            logger.warning("GraphQL response cache unavailable", exc_info=True)


# Paths this process has stored fast-path answers for: the GraphQL endpoints, as
# routed (api/middleware.py looks a GET up only there).
fast_paths: set[str] = set()


def request_fingerprint(request: HttpRequest) -> str | None:
    """The exact request, for the fast path: the same GET bytes, the same response;
    None for a request the fast path never answers (not a GET, or one carrying a
    session cookie: a logged-in editor's requests are never shared).

    Looked up before the request is routed or parsed (api/middleware.py); stored
    beside the response's own slot when a GET's result is cached. Besides the
    bytes, what decides the answer: whether the ``X-Client`` header or the setting
    asks for allow-listed queries only (the path tells the endpoint, which may ask
    the same), and the date, as in ``fingerprint``.
    """
    if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    allow_list_only = api_settings().persisted_queries_only or client_asks_allow_list(
        request
    )
    material = "\n".join(
        (
            request.path,
            request.META.get("QUERY_STRING", ""),
            request.get_host().lower(),
            "allow-list" if allow_list_only else "",
            today_iso(),
        )
    )
    return "request:" + hashlib.blake2b(material.encode(), digest_size=20).hexdigest()


def slot_for(fingerprint_: str) -> Slot | None:
    """The cache slot for a response, or None when the cache is off or unreachable."""
    timeout = api_settings().response_cache_timeout
    if timeout <= 0:
        return None
    try:
        backend = _backend()
        generation = current_generation(backend)
    except Exception:
        logger.warning("GraphQL response cache unavailable", exc_info=True)
        return None
    return Slot(
        key=f"{RESPONSE_PREFIX}:{generation}:{fingerprint_}",
        timeout=timeout,
        backend=backend,
    )


# --- What invalidates ----------------------------------------------------------------------


@functools.cache
def declared_watches() -> dict[str, Watch]:
    """{model label: Watch} from the domains' declarations."""
    from .domains import DOMAINS

    return {watch.model: watch for domain in DOMAINS for watch in domain.watches}


def is_watched(model: type[Model]) -> bool:
    """Whether rows of ``model`` can appear in an API response (pages aside)."""
    if model._meta.app_label == "api":  # the API's own bookkeeping
        return False
    if issubclass(model, WATCHED_BASES):
        return True
    if model._meta.label in declared_watches():
        return True
    return model in get_snippet_models()


def watched_models() -> list[type[Model]]:
    return [model for model in apps.get_models() if is_watched(model)]


def on_page_changed(sender: Any = None, **kwargs: Any) -> None:
    """page_published, page_unpublished, post_page_move, published, unpublished."""
    invalidate()


def _is_public(instance: Model) -> bool:
    watch = declared_watches().get(instance._meta.label)
    return watch is None or watch.is_public(instance)


def on_pre_save(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    """Remember whether a conditionally public row was public before this save."""
    watch = declared_watches().get(sender._meta.label)
    if watch is None or watch.public_when is None or instance.pk is None:
        return
    before = (
        sender._default_manager.filter(pk=instance.pk).only(*watch.public_when).first()
    )
    setattr(instance, WAS_PUBLIC_ATTR, before is not None and watch.is_public(before))


def on_saved(
    sender: type[Model],
    instance: Model,
    update_fields: frozenset[str] | None = None,
    **kwargs: Any,
) -> None:
    if isinstance(instance, Page):
        # A full save of a live page changes what the public sees (scripts,
        # imports); draft saves pass update_fields and change nothing public.
        if update_fields is None and instance.live:
            invalidate()
    elif is_watched(sender):
        was_public = getattr(instance, WAS_PUBLIC_ATTR, False)
        if was_public or _is_public(instance):
            invalidate()


def on_deleted(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if isinstance(instance, Page) or (is_watched(sender) and _is_public(instance)):
        invalidate()


def on_m2m_changed(
    sender: type[Model], instance: Model, action: str, **kwargs: Any
) -> None:
    if not action.startswith("post_"):
        return
    if isinstance(instance, Page):
        if instance.live:
            invalidate()
    elif is_watched(type(instance)):
        invalidate()


def on_records_written(sender: type[Model], **kwargs: Any) -> None:
    """cms.core.importing.records_written: an import wrote a batch in bulk."""
    if is_watched(sender):
        invalidate()


def on_registrations_changed(sender: Any = None, **kwargs: Any) -> None:
    """cms.events.services.registrations_changed: remaining places changed."""
    invalidate()
