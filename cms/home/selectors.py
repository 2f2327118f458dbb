"""Which pages the public may see, for every reader (GraphQL, search, site templates)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from wagtail.models import Page, Site


def not_publicly_disclosed() -> Q:
    """Pages that must never leave the admin: policies not 主动公开."""
    return Q(policypage__isnull=False) & ~Q(policypage__disclosure="public")


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
