"""The typed context every resolver receives (instead of reaching into info.context)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import strawberry
from django.http import HttpRequest, HttpResponse
from wagtail.models import Site

if TYPE_CHECKING:
    pass


@dataclass
class Context:
    request: HttpRequest
    response: HttpResponse
    # Per-request memo for DataLoaders and other request-scoped caches.
    loaders: dict[str, object] = field(default_factory=dict)

    @cached_property
    def default_site(self) -> Site | None:
        return (
            Site.find_for_request(self.request)
            or Site.objects.filter(is_default_site=True).first()
        )

    def site_for(self, hostname: str | None) -> Site | None:
        """The site a query asks for by hostname, else the request's site."""
        if not hostname:
            return self.default_site
        host, _, port = hostname.partition(":")
        sites = Site.objects.select_related("root_page").filter(hostname=host)
        if port:
            sites = sites.filter(port=int(port))
        return sites.first()


Info = strawberry.Info[Context, None]


def get_context(info: Info) -> Context:
    return info.context
