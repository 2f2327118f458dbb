"""Reads of fiscal disclosures: the public ones and the overdue ones."""

from __future__ import annotations

import datetime

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from .models import FiscalDisclosure


def public_disclosures(*, year: int | None = None, kind: str | None = None) -> QuerySet:
    """Published disclosures (主动公开) whose 公开日期 has come, by year desc, kind."""
    queryset = FiscalDisclosure.objects.filter(
        published=True,
        disclosed_on__isnull=False,
        disclosed_on__lte=timezone.localdate(),
    )
    if year is not None:
        queryset = queryset.filter(year=year)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("-year", "kind", "title", "pk")


def overdue_condition(today: datetime.date | None = None) -> Q:
    """Not disclosed by the due date, or disclosed after it."""
    today = today or timezone.localdate()
    return Q(disclosed_on__isnull=True, due_date__lt=today) | Q(
        disclosed_on__gt=F("due_date")
    )


def overdue_disclosures(today: datetime.date | None = None) -> QuerySet:
    return FiscalDisclosure.objects.filter(overdue_condition(today))
