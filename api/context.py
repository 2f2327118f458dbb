"""The typed context every resolver receives (instead of reaching into info.context)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import strawberry
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from .cache import GenerationMemo

MAX_PORT = 65535


def _site_for_host(hostname: str, port: int) -> Site | None:
    """What Wagtail's Site.find_for_request finds for this host and port."""
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


# One query a request otherwise; sites are watched, so a change bumps the
# generation and the next request looks again.
_sites_by_host = GenerationMemo(_site_for_host)
_default_site = GenerationMemo(
    lambda: (
        Site.objects.select_related("root_page").filter(is_default_site=True).first()
    )
)


@dataclass
class Context:
    request: HttpRequest
    response: HttpResponse
    # Per-request memo for DataLoaders and other request-scoped caches.
    loaders: dict[str, object] = field(default_factory=dict)
    # Set by resolvers that return what the public must not see (preview drafts):
    # the transport must then answer ``Cache-Control: private, no-store``, uncached.
    private: bool = False
    # Side effects every serving of this response repeats, cached or not (see
    # api/replays.py): a search is logged per request.
    replays: list[tuple[str, tuple]] = field(default_factory=list)
    # The site root fields scoped nested fields to (see ``use_site``).
    _scoped_site: Site | None = field(default=None, init=False, repr=False)
    _scoped: bool = field(default=False, init=False, repr=False)

    @cached_property
    def default_site(self) -> Site | None:
        request = self.request
        if not hasattr(request, "_wagtail_site"):  # Site.find_for_request's memo
            # Host and port as find_for_request reads them (no ALLOWED_HOSTS check).
            hostname = split_domain_port(request._get_raw_host())[0]
            request._wagtail_site = _sites_by_host(hostname, request.get_port())
        return request._wagtail_site or _default_site()

    def site_for(self, hostname: str | None) -> Site | None:
        """The site a query asks for by hostname, else the request's site."""
        if not hostname:
            return self.default_site
        host, _, port = hostname.partition(":")
        sites = Site.objects.select_related("root_page").filter(hostname=host)
        if port:
            if not (port.isascii() and port.isdigit()) or int(port) > MAX_PORT:
                return None
            sites = sites.filter(port=int(port))
        return sites.first()

    def use_site(self, hostname: str | None) -> Site | None:
        """Resolve the site a root field asks for and scope its nested fields to it.

        Root fields resolve (and complete) one after another, so nested fields
        (children, interpretations, ...) read the site of the root field above them.
        """
        self._scoped_site = self.site_for(hostname)
        self._scoped = True
        return self._scoped_site

    @property
    def site(self) -> Site | None:
        """The site nested fields are limited to: the one their root field asked for."""
        return self._scoped_site if self._scoped else self.default_site


Info = strawberry.Info[Context, None]
