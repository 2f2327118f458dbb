"""django-cors-headers, without its cost on requests that carry no ``Origin``.

Most API requests come from servers and the mini-program, which send no
``Origin``: for them the library builds ``request.headers`` (every header the
request carries, parsed) only to find none, and re-parses ``Vary``. Here such a
request gets what the library would give it, ``Vary: origin`` on the URLs CORS
covers and nothing else, read straight from ``META``; a request with an
``Origin`` goes through the library unchanged.
"""

from __future__ import annotations

from corsheaders.middleware import CorsMiddleware as LibraryCorsMiddleware
from django.http import HttpRequest, HttpResponseBase

from cms.core.http import add_vary


class CorsMiddleware(LibraryCorsMiddleware):
    def add_response_headers(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if request.META.get("HTTP_ORIGIN"):
            return super().add_response_headers(request, response)
        enabled = getattr(request, "_cors_enabled", None)
        if enabled is None:
            enabled = self.is_enabled(request)
        if enabled:
            add_vary(response, "origin")
        return response
