"""Reads of open events (政府开放活动) that the API and the site share."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import Site

from cms.core.selectors import public_pages

from .models import OpenEventPage


@dataclass(frozen=True)
class EventCriteria:
    # Upcoming means not yet over: events in progress count as upcoming, not past.
    upcoming: bool | None = None
    past: bool | None = None
    series: str | None = None
    venue_types: tuple[str, ...] = ()


def public_events(*, site: Site | None) -> QuerySet:
    """Live events without view restrictions, within ``site`` (cancelled included)."""
    return public_pages(site, model=OpenEventPage)


def filter_events(
    queryset: QuerySet,
    *,
    criteria: EventCriteria,
    now: datetime.datetime | None = None,
) -> QuerySet:
    now = now or timezone.now()
    if criteria.upcoming is not None:
        queryset = (
            queryset.filter(end_at__gt=now)
            if criteria.upcoming
            else queryset.filter(end_at__lte=now)
        )
    if criteria.past is not None:
        queryset = (
            queryset.filter(end_at__lte=now)
            if criteria.past
            else queryset.filter(end_at__gt=now)
        )
    if criteria.series:
        queryset = queryset.filter(series=criteria.series.strip())
    if criteria.venue_types:
        queryset = queryset.filter(venue_type__in=criteria.venue_types)
    return queryset


def ordered_events(queryset: QuerySet, *, soonest_first: bool) -> QuerySet:
    if soonest_first:
        return queryset.order_by("start_at", "pk")
    return queryset.order_by("-start_at", "-pk")
