"""Which pages the public may see, for every reader (GraphQL, search, site templates)."""

from __future__ import annotations

from urllib.parse import urlparse

from django.db.models import Q, QuerySet
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site


def not_publicly_disclosed() -> Q:
    """Pages that must never leave the admin: policies not 主动公开."""
    return Q(policypage__isnull=False) & ~Q(policypage__disclosure="public")


def is_publicly_disclosed(page: Page) -> bool:
    """Whether the page's 公开属性 is 主动公开 (pages without one are, by their type)."""
    return getattr(page, "disclosure", "public") == "public"


def public_pages(site: Site | None = None, *, model: type[Page] = Page) -> QuerySet:
    """Live pages without view restrictions, within ``site``, that are 主动公开."""
    queryset = model.objects.live().public()
    if site is not None:
        queryset = queryset.descendant_of(site.root_page, inclusive=True)
    if model is Page:
        return queryset.exclude(not_publicly_disclosed())
    if hasattr(model, "disclosure"):
        return queryset.filter(disclosure="public")
    return queryset


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
