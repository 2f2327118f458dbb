"""Reads of benefit standards: public ones, the current standard on a date, timelines."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

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
