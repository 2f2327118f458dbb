"""Reads of the shared vocabulary that the API and the admin share."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Audience, Organization, ServiceItem, Topic


def organizations(*, levels: tuple[str, ...] = ()) -> QuerySet:
    queryset = Organization.objects.all()
    if levels:
        queryset = queryset.filter(level__in=levels)
    return queryset.order_by("sort_order", "name")


def top_level_topics() -> QuerySet:
    """The first level of the two-level 主题分类; children hang below them."""
    return Topic.objects.filter(parent__isnull=True).order_by("sort_order", "pk")


def audiences(*, kinds: tuple[str, ...] = ()) -> QuerySet:
    queryset = Audience.objects.all()
    if kinds:
        queryset = queryset.filter(kind__in=kinds)
    return queryset.order_by("kind", "sort_order", "pk")


def service_items(
    *, organization_ids: tuple[int, ...] | None = None, name: str | None = None
) -> QuerySet:
    queryset = ServiceItem.objects.all()
    if organization_ids is not None:
        queryset = queryset.filter(organization__in=organization_ids)
    if name and name.strip():
        queryset = queryset.filter(name__icontains=name.strip())
    return queryset.order_by("name", "pk")
