"""Small HTTP helpers shared by the API and the middleware."""

from __future__ import annotations

from django.http import HttpResponseBase
from django.utils.cache import patch_vary_headers


def add_vary(response: HttpResponseBase, header: str) -> None:
    """``patch_vary_headers(response, [header])``, without parsing ``Vary`` when
    the response has none yet (the usual case): the same header either way."""
    if "Vary" in response:
        patch_vary_headers(response, [header])
    else:
        response["Vary"] = header
