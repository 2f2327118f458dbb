"""What the public searched: hot queries and queries that found nothing.

Read by the admin reports (search/views.py). Rows are grouped by the normalized
query, so 失业金 and ＂失业金 ＂ count as one.
"""

from __future__ import annotations

import datetime

from django.db.models import Avg, Count, Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from .models import SearchQueryLog

PERIODS = {
    "7": _("最近 7 天"),
    "30": _("最近 30 天"),
    "90": _("最近 90 天"),
    "365": _("最近一年"),
}
DEFAULT_PERIOD = "30"


def period_start(period: str | None) -> datetime.datetime:
    days = int(period) if period in PERIODS else int(DEFAULT_PERIOD)
    return timezone.now() - datetime.timedelta(days=days)


def _logs(*, since: datetime.datetime, site: Site | None) -> QuerySet:
    logs = SearchQueryLog.objects.filter(created_at__gte=since)
    return logs.filter(site=site) if site is not None else logs


def hot_queries(*, since: datetime.datetime, site: Site | None = None) -> QuerySet:
    """Queries by how often they were searched: count, average results, last seen."""
    return (
        _logs(since=since, site=site)
        .values("normalized")
        .annotate(
            count=Count("id"),
            average_results=Avg("result_count"),
            last_searched_at=Max("created_at"),
        )
        .order_by("-count", "normalized")
    )


def zero_result_queries(
    *, since: datetime.datetime, site: Site | None = None
) -> QuerySet:
    """Queries that found nothing, most frequent first, with when they were last seen."""
    return (
        _logs(since=since, site=site)
        .filter(result_count=0)
        .values("normalized")
        .annotate(count=Count("id"), last_searched_at=Max("created_at"))
        .order_by("-count", "-last_searched_at", "normalized")
    )
