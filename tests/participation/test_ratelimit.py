"""Per-IP rate limits counted in the cache: locmem here, the real Redis when REDIS_URL."""

from __future__ import annotations

import os
import threading

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from cms.participation import ratelimit

REDIS_URL = os.environ.get("REDIS_URL", "")


@pytest.fixture(params=["locmem", "redis"])
def backend(request, settings):
    if request.param == "redis":
        if not REDIS_URL:
            pytest.skip(
                "REDIS_URL is not set: the Redis case runs against a real server"
            )
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": "zwgk-test-ratelimit",
            }
        }
        cache.clear()
    yield request.param
    cache.clear()


def _request(ip="10.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": ip}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/graphql/", **extra)


def test_limit_per_scope_and_client(backend, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"question": (3, 3600)}
    results = [ratelimit.hit(scope="question", request=_request()) for _ in range(4)]
    assert [r.allowed for r in results] == [True, True, True, False]
    assert [r.retry_after for r in results[:3]] == [0, 0, 0]
    assert 0 < results[3].retry_after <= 3600
    # Another client, another scope: separate counters.
    assert ratelimit.hit(scope="question", request=_request("10.0.0.2")).allowed
    assert ratelimit.hit(scope="disclosure", request=_request()).allowed
    if backend == "redis":
        # The counter expires with its window (no key lives forever in Redis).
        keys = cache._cache.get_client().keys("zwgk-test-ratelimit*ratelimit:question*")
        assert keys
        assert all(0 < cache._cache.get_client().ttl(key) <= 3605 for key in keys)


def test_counting_is_atomic_under_concurrency(backend, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"question": (10, 3600)}
    allowed = []
    start = threading.Barrier(30)

    def hit():
        start.wait(timeout=10)
        allowed.append(ratelimit.hit(scope="question", request=_request()).allowed)

    threads = [threading.Thread(target=hit) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(allowed) == [False] * 20 + [True] * 10


def test_unknown_scope_uses_the_default(settings):
    settings.PARTICIPATION_RATE_LIMITS = {}
    assert ratelimit.limit_for("anything") == ratelimit.DEFAULT_LIMIT


def test_client_ip_trusts_forwarded_for_only_behind_configured_proxies(settings):
    request = _request("10.0.0.1", forwarded="1.2.3.4, 5.6.7.8")
    settings.TRUSTED_PROXY_COUNT = 0
    assert ratelimit.client_ip(request) == "10.0.0.1"  # a spoofed header is ignored
    settings.TRUSTED_PROXY_COUNT = 1
    assert ratelimit.client_ip(request) == "5.6.7.8"
    settings.TRUSTED_PROXY_COUNT = 2
    assert ratelimit.client_ip(request) == "1.2.3.4"
    settings.TRUSTED_PROXY_COUNT = 3  # fewer hops than proxies: fall back
    assert ratelimit.client_ip(request) == "10.0.0.1"
