"""The response cache's fast path, in front of URL routing.

A public GraphQL GET the endpoint has answered and cached before (the same bytes:
path, query string, host, allow-list mode, date) is answered from the cache here,
as the innermost middleware: after every other middleware has seen the request,
before the URL is routed, the view set up or the query parsed. Every middleware's
response side still applies, so a hit carries the same headers as the answer
the view gave (api/views.py ``answer_from_cache``).

Only paths this process has stored such answers for are looked up
(``cache.fast_paths``: the GraphQL endpoints once they have answered), so other
requests pay one set lookup. Anything else, and every miss, goes on to the view,
which executes, caches and stores the fast path's entry (cache.request_fingerprint).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from . import cache
from .views import answer_from_cache


class ResponseCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path in cache.fast_paths and (
            key := cache.request_fingerprint(request)
        ):
            slot = cache.slot_for(key)
            if slot is not None and (hit := slot.get()) is not None:
                return answer_from_cache(request, hit)
        return self.get_response(request)
