"""Persisted queries: Apollo's automatic persisted queries (APQ) and the allow-list.

A request names its query by ``extensions.persistedQuery.sha256Hash``:

- normal mode (APQ): a known hash runs its query; an unknown hash without a query
  answers ``PersistedQueryNotFound`` so Apollo clients resend it with the query,
  which is checked against the hash and remembered in the cache.
- allow-list mode (the mini-program): only queries in the committed manifest
  (``manifest.json``, built from ``operations/`` by ``manage.py
  build_persisted_queries``) or registered in the admin run; anything else is
  refused with HTTP 400.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.core.cache import BaseCache, caches

from api.conf import api_settings
from api.http import RequestError

MANIFEST_PATH = Path(__file__).with_name("manifest.json")
OPERATIONS_DIR = Path(__file__).with_name("operations")
APQ_PREFIX = "graphql:apq"
REGISTERED_KEY = "graphql:persisted:registered"
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")

logger = logging.getLogger(__name__)


def not_found() -> RequestError:
    # Apollo's exact message, code, status and headers: its link retries with
    # the full query on exactly this, and no cache may keep the miss.
    return RequestError(
        "PersistedQueryNotFound",
        "PERSISTED_QUERY_NOT_FOUND",
        status=200,
        cache_control="private, no-cache, must-revalidate",
    )


def not_allowed() -> RequestError:
    return RequestError(
        "此接口只接受已登记的持久化查询（白名单），请使用已登记查询的 sha256Hash。",
        "PERSISTED_QUERY_NOT_ALLOWED",
    )


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _backend() -> BaseCache:
    return caches[api_settings().cache_alias]


@cache
def committed() -> Mapping[str, str]:
    """The manifest's queries by hash; read once per process."""
    if not MANIFEST_PATH.exists():
        return {}
    manifest = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    return {operation["id"]: operation["body"] for operation in manifest["operations"]}


def registered() -> Mapping[str, str]:
    """Queries registered in the admin, by hash; cached until one changes."""
    backend = _backend()
    try:
        queries = backend.get(REGISTERED_KEY)
    except Exception:  # the cache is down: read them from the database
        logger.warning("Persisted queries: cache unavailable", exc_info=True)
        return _registered_in_database()
    if queries is None:
        queries = _registered_in_database()
        try:
            backend.set(REGISTERED_KEY, queries, timeout=None)
        except Exception:
            logger.warning("Persisted queries: cache unavailable", exc_info=True)
    return queries


def _registered_in_database() -> dict[str, str]:
    from api.models import PersistedQuery

    return dict(
        PersistedQuery.objects.filter(enabled=True).values_list("sha256", "query")
    )


def forget_registered(**kwargs: Any) -> None:
    """post_save/post_delete of PersistedQuery: reload the registered queries.

    Cached responses are orphaned too: the response cache's fast path answers
    allow-listed requests before the allow-list is consulted again.
    """
    from api.cache import invalidate

    try:
        _backend().delete(REGISTERED_KEY)
    except Exception:
        logger.exception("Persisted queries: could not forget the registered ones")
    invalidate()


def allow_listed(sha256: str) -> str | None:
    return committed().get(sha256) or registered().get(sha256)


def remember(sha256: str, query: str) -> None:
    """Store an automatically persisted query once it has parsed."""
    try:
        _backend().set(f"{APQ_PREFIX}:{sha256}", query, api_settings().apq_timeout)
    except Exception:  # the client sends the query again when it is not found
        logger.warning("Persisted queries: cache unavailable", exc_info=True)


def _remembered(sha256: str) -> str | None:
    try:
        return _backend().get(f"{APQ_PREFIX}:{sha256}")
    except Exception:  # answered as not found: Apollo resends the full query
        logger.warning("Persisted queries: cache unavailable", exc_info=True)
        return None


@dataclass(frozen=True)
class Resolved:
    query: str
    # Named by a hash or allow-listed: a POST of it is as cacheable as a GET.
    persisted: bool
    # The hash to remember (APQ) once the query has parsed.
    remember_as: str | None = None


def _requested_hash(extensions: Mapping[str, Any] | None) -> str | None:
    persisted = (extensions or {}).get("persistedQuery")
    if persisted is None:
        return None
    if not isinstance(persisted, dict) or persisted.get("version") != 1:
        raise RequestError(
            "不支持的持久化查询版本，persistedQuery.version 应为 1。",
            "PERSISTED_QUERY_NOT_SUPPORTED",
        )
    sha256 = persisted.get("sha256Hash")
    if not isinstance(sha256, str) or not SHA256_RE.match(sha256):
        raise RequestError(
            "persistedQuery.sha256Hash 应为 64 位小写十六进制字符串。",
            "PERSISTED_QUERY_INVALID_HASH",
        )
    return sha256


def resolve(
    query: str | None,
    extensions: Mapping[str, Any] | None,
    *,
    allow_list_only: bool,
) -> Resolved:
    """The query text a request stands for; raises RequestError when there is none."""
    sha256 = _requested_hash(extensions)
    if sha256 is None:
        if query is None:
            raise RequestError("请求中没有 GraphQL 查询。", "BAD_REQUEST")
        if allow_list_only:
            if allow_listed(sha256_hex(query)) is None:
                raise not_allowed()
            return Resolved(query, persisted=True)
        return Resolved(query, persisted=False)

    if query is None:
        stored = allow_listed(sha256)
        if stored is None and not allow_list_only:
            stored = _remembered(sha256)
        if stored is None:
            raise not_allowed() if allow_list_only else not_found()
        return Resolved(stored, persisted=True)

    if sha256_hex(query) != sha256:
        raise RequestError(
            "sha256Hash 与查询文本不符（provided sha does not match query）。",
            "PERSISTED_QUERY_HASH_MISMATCH",
        )
    if allow_listed(sha256) is not None:
        return Resolved(query, persisted=True)
    if allow_list_only:
        raise not_allowed()
    return Resolved(query, persisted=True, remember_as=sha256)
