"""Reads of benefit standards: public ones, the current standard on a date, timelines."""

from __future__ import annotations

import datetime

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from cms.policies.selectors import public_policies

from .models import BenefitStandard


def public_standards(site=None) -> QuerySet:
    """Standards whose basis policy is public (live, 主动公开): an adjustment is
    never public before its policy."""
    return BenefitStandard.objects.filter(
        basis_policy__in=public_policies(site).values("pk")
    ).select_related("basis_policy")


def standards_on(
    day: datetime.date, *, scheme: str | None = None, site=None
) -> QuerySet:
    """The 现行标准 on ``day``: one per scheme and category."""
    queryset = (
        public_standards(site)
        .filter(effective_from__lte=day)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))
    )
    if scheme:
        queryset = queryset.filter(scheme=scheme)
    return queryset.order_by("scheme", "category")


def timeline(scheme: str, *, site=None) -> QuerySet:
    return (
        public_standards(site)
        .filter(scheme=scheme)
        .order_by("category", "effective_from")
    )


def basis_publication(policy_id: int) -> tuple[int | None, datetime.date | None]:
    """(the policy's 责任科室, the day it was made public, None while it is not).

    The day is the policy's 发布日期 (its record metadata, which historical policies
    carry), else the day it first went live.
    """
    from cms.policies.models import PolicyPage

    department_id = (
        PolicyPage.objects.filter(pk=policy_id)
        .values_list("department_id", flat=True)
        .first()
    )
    public = (
        public_policies()
        .filter(pk=policy_id)
        .values_list("publish_date", "first_published_at")
        .first()
    )
    if public is None:
        return department_id, None
    publish_date, first_published = public
    if publish_date is None and first_published is not None:
        publish_date = timezone.localtime(first_published).date()
    return department_id, publish_date or timezone.localdate()


def overdue_condition(today: datetime.date | None = None) -> Q:
    """Not disclosed by the 20th working day after the decision, or disclosed after."""
    today = today or timezone.localdate()
    return Q(disclosed_on__isnull=True, due_date__lt=today) | Q(
        disclosed_on__gt=F("due_date")
    )


def standard_paths(standards, site) -> dict[int, str | None]:
    """Where ``site`` shows each standard: its basis policy's page."""
    from cms.policies.models import PolicyPage

    policies = PolicyPage.objects.in_bulk({s.basis_policy_id for s in standards})
    paths: dict[int, str | None] = {}
    for standard in standards:
        policy = policies.get(standard.basis_policy_id)
        paths[standard.pk] = policy.get_url(current_site=site) if policy else None
    return paths
