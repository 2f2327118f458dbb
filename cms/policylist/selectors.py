"""Reads of the 就业创业政策清单 that the API, search and 政策找人 share."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet, Subquery
from wagtail.models import Site

from cms.policies.models import Validity
from cms.policies.selectors import public_policies, validity_expression

from .models import ItemCondition, PolicyListChange, PolicyListItem


def with_policy_validity(
    queryset: QuerySet, today: datetime.date | None = None
) -> QuerySet:
    """Annotate ``policy_validity``: the 有效性 of each item's policy."""
    return queryset.annotate(
        policy_validity=validity_expression("policy__", today=today)
    )


def public_list_items(
    site: Site | None = None,
    *,
    include_expired: bool = True,
    today: datetime.date | None = None,
) -> QuerySet:
    """Items the public may see: published, and their policy public (live, not past
    its 下线时间, unrestricted, 主动公开). Annotated with ``policy_validity``; items of
    expired policies are included (flagged) unless ``include_expired`` is False.
    Conditions come prefetched in order, so ``conditions_list()`` costs no query."""
    queryset = with_policy_validity(
        PolicyListItem.objects.filter(
            published=True, policy__in=public_policies(site).values("pk")
        ),
        today=today,
    )
    if not include_expired:
        queryset = queryset.filter(policy_validity=Validity.VALID)
    return queryset.select_related("policy", "service_item").prefetch_related(
        Prefetch(
            "conditions", queryset=ItemCondition.objects.order_by("sort_order", "pk")
        )
    )


@dataclass(frozen=True)
class ItemCriteria:
    # None: no filter; an empty tuple: a filter nothing matches.
    audience_ids: tuple[int, ...] | None = None
    topic_ids: tuple[int, ...] | None = None
    service_item_ids: tuple[int, ...] | None = None
    keyword: str = ""


def filter_list_items(queryset: QuerySet, criteria: ItemCriteria) -> QuerySet:
    if criteria.audience_ids is not None:
        queryset = queryset.filter(
            pk__in=PolicyListItem.objects.filter(
                audiences__in=criteria.audience_ids
            ).values("pk")
        )
    if criteria.topic_ids is not None:
        # A top-level topic also finds items filed under its sub-topics.
        queryset = queryset.filter(
            pk__in=PolicyListItem.objects.filter(
                Q(topics__in=criteria.topic_ids)
                | Q(topics__parent__in=criteria.topic_ids)
            ).values("pk")
        )
    if criteria.service_item_ids is not None:
        queryset = queryset.filter(service_item__in=criteria.service_item_ids)
    keyword = criteria.keyword.strip()
    if keyword:
        queryset = queryset.filter(
            Q(title__icontains=keyword)
            | Q(scope__icontains=keyword)
            | Q(requirements__icontains=keyword)
            | Q(benefit_text__icontains=keyword)
            | Q(policy__title__icontains=keyword)
        )
    return queryset


def _last_change(found: dict) -> datetime.datetime | None:
    # An empty list has no last change to show; else the later of the items' own
    # 更新时间 and the recorded change that no public item's 更新时间 shows (an item
    # removed or hidden, a policy unpublished: signals.py).
    latest, recorded = found["latest"], found["recorded"]
    if latest is None or recorded is None:
        return latest
    return max(latest, recorded)


def _recorded_change() -> Max:
    # Max over the list's rows of one scalar subquery: the value itself, or NULL
    # when the list is empty; so it costs no query of its own.
    return Max(Subquery(PolicyListChange.objects.values("changed_at")[:1]))


def list_updated_at(site: Site | None = None) -> datetime.datetime | None:
    """When the public list last changed: its items' latest 更新时间, or the latest
    removal or policy (un)publication if later; None when the list is empty."""
    return _last_change(
        public_list_items(site).aggregate(
            latest=Max("updated_at"), recorded=_recorded_change()
        )
    )


def list_freshness(
    site: Site | None = None, *, today: datetime.date | None = None
) -> tuple[datetime.datetime | None, int]:
    """(When the public list last changed, as ``list_updated_at``; how many public
    items rest on a policy that is no longer 有效): one query."""
    found = public_list_items(site, today=today).aggregate(
        latest=Max("updated_at"),
        recorded=_recorded_change(),
        expired=Count("pk", filter=~Q(policy_validity=Validity.VALID)),
    )
    return _last_change(found), found["expired"]


def list_item_paths(items, site: Site) -> dict[int, str | None]:
    """Where ``site`` shows each item: its policy's page, at the item's anchor."""
    from cms.policies.models import PolicyPage

    policies = PolicyPage.objects.in_bulk({item.policy_id for item in items})
    paths: dict[int, str | None] = {}
    for item in items:
        policy = policies.get(item.policy_id)
        url = policy.get_url(current_site=site) if policy else None
        paths[item.pk] = f"{url}#policy-list-item-{item.pk}" if url else None
    return paths
