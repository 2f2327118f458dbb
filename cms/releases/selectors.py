"""Reads of integrated releases and FAQs that the API and the site share."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from wagtail.models import Site

from cms.core.selectors import public_pages

from .models import FAQ, IntegratedReleasePage


@dataclass(frozen=True)
class ReleaseCriteria:
    # None: no filter; an empty tuple matches nothing.
    topic_ids: tuple[int, ...] | None = None
    audience_ids: tuple[int, ...] | None = None


def public_releases(*, site: Site | None) -> QuerySet:
    """Live releases without view restrictions, within ``site``."""
    return public_pages(site, model=IntegratedReleasePage)


def _topic_or_subtopic(topic_ids: tuple[int, ...], prefix: str = "topics") -> Q:
    # A top-level topic also finds what is filed under its sub-topics.
    return Q(**{f"{prefix}__in": topic_ids}) | Q(**{f"{prefix}__parent__in": topic_ids})


def filter_releases(queryset: QuerySet, *, criteria: ReleaseCriteria) -> QuerySet:
    # Subqueries rather than joins keep one row per release.
    if criteria.topic_ids is not None:
        matching = IntegratedReleasePage.objects.filter(
            _topic_or_subtopic(criteria.topic_ids)
        )
        queryset = queryset.filter(pk__in=matching.values("pk"))
    if criteria.audience_ids is not None:
        matching = IntegratedReleasePage.objects.filter(
            audiences__in=criteria.audience_ids
        )
        queryset = queryset.filter(pk__in=matching.values("pk"))
    return queryset


def ordered_releases(queryset: QuerySet, *, newest_first: bool = True) -> QuerySet:
    if newest_first:
        return queryset.order_by("-first_published_at", "-pk")
    return queryset.order_by("first_published_at", "pk")


def faqs(*, topic_ids: tuple[int, ...] | None = None) -> QuerySet:
    """FAQs, optionally of some topics (a top-level topic includes its sub-topics)."""
    queryset = FAQ.objects.all()
    if topic_ids is not None:
        matching = FAQ.objects.filter(_topic_or_subtopic(topic_ids))
        queryset = queryset.filter(pk__in=matching.values("pk"))
    return queryset.order_by("question", "pk")
