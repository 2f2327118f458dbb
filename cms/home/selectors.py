"""Which redirects the public may follow. Which pages it may see is decided in
cms/core/selectors.py; ``public_pages`` is imported here for the readers (api/,
search/) that look for it in this module."""

from __future__ import annotations

from urllib.parse import urlparse

from django.db.models import Q, QuerySet
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from cms.core.selectors import (
    is_publicly_disclosed,
    not_publicly_disclosed,
    public_pages,
)

__all__ = [
    "is_publicly_disclosed",
    "not_publicly_disclosed",
    "public_pages",
    "public_redirect_for",
    "public_redirects",
]


def public_redirects(*, site: Site) -> QuerySet:
    """Redirects that apply to ``site`` and lead to a public page of it or a link.

    A site-specific redirect wins over a site-ambivalent one for the same path, as
    in Wagtail's redirect middleware.
    """
    leads_elsewhere = Q(redirect_page__isnull=True) & ~Q(redirect_link="")
    to_public_page = Q(redirect_page__in=public_pages(site).values("pk"))
    overridden = Q(site__isnull=True) & Q(
        old_path__in=Redirect.objects.filter(site=site).values("old_path")
    )
    return (
        Redirect.get_for_site(site)
        .filter(leads_elsewhere | to_public_page)
        .exclude(overridden)
        .order_by("old_path", "pk")
    )


def public_redirect_for(*, site: Site, path: str) -> Redirect | None:
    """The public redirect for a requested path; the exact query string wins."""
    if "\0" in path:
        return None
    exact = Redirect.normalise_path(path)
    bare = urlparse(exact).path
    matches = {
        redirect.old_path: redirect
        for redirect in public_redirects(site=site).filter(old_path__in={exact, bare})
    }
    return matches.get(exact) or matches.get(bare)
