"""Reads of the catalog that the admin, the API and the dashboard share."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from .models import CatalogBinding, CatalogItem


def catalog_items(*, area: str | None = None, listed_only: bool = False) -> QuerySet:
    """Items in catalog order, their bindings (with page and type) prefetched."""
    items = CatalogItem.objects.select_related("department").prefetch_related(
        Prefetch(
            "bindings",
            queryset=CatalogBinding.objects.select_related("page", "page_type"),
        )
    )
    if area:
        items = items.filter(area=area)
    if listed_only:
        items = items.filter(is_listed=True)
    return items.order_by("area", "sequence", "path")
