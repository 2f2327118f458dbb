"""Which public pages a search may return, its filters and its facet counts."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from cms.home.selectors import public_pages

if TYPE_CHECKING:
    from .engine import FacetValue, SearchFilters

# content type key -> (app_label.ModelName, label); every other page type is "page".
CONTENT_TYPES = {
    "policy": ("policies.PolicyPage", _("政策文件")),
    "interpretation": ("interpretations.InterpretationPage", _("政策解读")),
    "release": ("releases.IntegratedReleasePage", _("集成式发布")),
    "event": ("events.OpenEventPage", _("政府开放活动")),
    "page": (None, _("其他页面")),
}


def content_type_ids() -> dict[str, int]:
    """{key: content type id} for the typed keys (not "page")."""
    from django.apps import apps

    result = {}
    for key, (label, _label) in CONTENT_TYPES.items():
        if label:
            result[key] = ContentType.objects.get_for_model(apps.get_model(label)).pk
    return result


def key_for_content_type(content_type_id: int, ids: dict[str, int]) -> str:
    for key, pk in ids.items():
        if pk == content_type_id:
            return key
    return "page"


def base_scope(site: Site) -> QuerySet:
    """Public pages of the site, the site root excluded (it is not a search result)."""
    return public_pages(site).exclude(depth__lte=site.root_page.depth)


def restrict_to(queryset: QuerySet, page_ids: list[int]) -> QuerySet:
    """``queryset`` limited to ``page_ids`` (up to ~1,000 search matches).

    On PostgreSQL the ids travel as one array parameter: a thousand ``%s`` in each
    of the five statements that filter on them cost ~12 ms per search in psycopg's
    client-side query parsing alone.
    """
    if connection.vendor == "postgresql":
        return queryset.filter(
            pk__in=RawSQL("SELECT unnest(%s::integer[])", (list(page_ids),))
        )
    return queryset.filter(pk__in=page_ids)


def in_years(queryset: QuerySet, years) -> QuerySet:
    """Pages published in one of ``years``: the policy's or interpretation's 发布日期,
    else the local date of first publication.

    Written as date ranges, not ``ExtractYear(Coalesce(...))``: SQLite computes the
    local date of a timestamp with a Python function called once per row.
    """
    wanted = Q(pk__in=[])
    for year in sorted(set(years)):
        if not 1 <= year < 9999:
            continue  # no page has such a year; date() would refuse it
        start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
        wanted |= Q(
            policypage__publish_date__gte=start, policypage__publish_date__lt=end
        )
        wanted |= Q(
            policypage__publish_date__isnull=True,
            interpretationpage__publish_date__gte=start,
            interpretationpage__publish_date__lt=end,
        )
        wanted |= Q(
            policypage__publish_date__isnull=True,
            interpretationpage__publish_date__isnull=True,
            first_published_at__gte=_local_midnight(start),
            first_published_at__lt=_local_midnight(end),
        )
    return queryset.filter(wanted)


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def with_validity(queryset: QuerySet) -> QuerySet:
    today = timezone.localdate()
    return queryset.annotate(
        search_validity=Case(
            When(policypage__isnull=True, then=Value("")),
            When(
                ~Q(policypage__validity_override=""),
                then="policypage__validity_override",
            ),
            When(policypage__expiry_date__lte=today, then=Value("expired")),
            default=Value("valid"),
            output_field=CharField(),
        )
    )


def apply_filters(
    queryset: QuerySet, filters: SearchFilters, *, skip: str | None = None
) -> QuerySet:
    """``queryset`` narrowed by every filter except the facet ``skip``."""
    if filters.content_types and skip != "contentType":
        ids = content_type_ids()
        wanted = Q(pk__in=[])
        for key in filters.content_types:
            if key == "page":
                wanted |= ~Q(content_type_id__in=list(ids.values()))
            elif key in ids:
                wanted |= Q(content_type_id=ids[key])
        queryset = queryset.filter(wanted)
    if filters.topic_ids and skip != "topic":
        topic_ids = list(filters.topic_ids)
        queryset = queryset.filter(
            Q(policypage__topics__in=topic_ids)
            | Q(policypage__topics__parent__in=topic_ids)
            | Q(integratedreleasepage__topics__in=topic_ids)
            | Q(integratedreleasepage__topics__parent__in=topic_ids)
        ).distinct()
    if filters.organization_ids and skip != "organization":
        queryset = queryset.filter(
            policypage__issuers__organization__in=list(filters.organization_ids)
        ).distinct()
    if filters.years and skip != "year":
        queryset = in_years(queryset, filters.years)
    if filters.validities and skip != "validity":
        queryset = with_validity(queryset).filter(
            search_validity__in=list(filters.validities)
        )
    return queryset


def _dimension_filters(filters: SearchFilters) -> dict[str, set]:
    """The filters on content type, year and validity, as sets of row values."""
    wanted: dict[str, set] = {}
    if filters.content_types:
        wanted["contentType"] = set(filters.content_types)
    if filters.years:
        wanted["year"] = set(filters.years)
    if filters.validities:
        wanted["validity"] = set(filters.validities)
    return wanted


def count_and_facets(
    matched: QuerySet, filters: SearchFilters
) -> tuple[int, dict[str, list[FacetValue]]]:
    """The total and the facet counts over all matches, each facet ignoring its own
    filter.

    Content type, year and validity come from one grouped query (a few hundred rows
    at most) and are cross-filtered here; topics and organizations need a join each.
    """
    from cms.policies.models import Validity

    from .engine import FacetValue

    ids = content_type_ids()
    narrowed = matched
    if filters.topic_ids or filters.organization_ids:
        narrowed = apply_filters(
            matched,
            only_filters(filters, ("topic_ids", "organization_ids")),
        )
    # One row per page, grouped here: the year is computed in Python, because in
    # SQLite the time-zone conversion of first_published_at is a Python function
    # called per row by the database (~100 ms for 1,000 matches).
    grouped: Counter[tuple] = Counter()
    seen: set[int] = set()
    for pk, content_type_id, policy_date, interpretation_date, published, validity in (
        with_validity(narrowed)
        .order_by()
        .values_list(
            "pk",
            "content_type_id",
            "policypage__publish_date",
            "interpretationpage__publish_date",
            "first_published_at",
            "search_validity",
        )
    ):
        if pk in seen:
            continue
        seen.add(pk)
        day = policy_date or interpretation_date
        if day is None and published is not None:
            day = timezone.localtime(published).date()
        key = key_for_content_type(content_type_id, ids)
        grouped[(key, day.year if day else None, validity)] += 1
    rows = [(*key, n) for key, n in grouped.items()]
    if not rows:
        return 0, {
            key: []
            for key in ("contentType", "topic", "organization", "year", "validity")
        }
    wanted = _dimension_filters(filters)
    positions = {"contentType": 0, "year": 1, "validity": 2}

    def passes(row, skip: str | None = None) -> bool:
        return all(
            row[positions[name]] in values
            for name, values in wanted.items()
            if name != skip
        )

    total = sum(row[3] for row in rows if passes(row))
    facets: dict[str, list[FacetValue]] = {}
    counts: dict[str, Counter] = {name: Counter() for name in positions}
    for row in rows:
        for name, position in positions.items():
            if row[position] not in (None, "") and passes(row, skip=name):
                counts[name][row[position]] += row[3]
    facets["contentType"] = [
        FacetValue(value=key, label=str(CONTENT_TYPES[key][1]), count=count)
        for key, count in _sorted(counts["contentType"])
    ]

    names: dict = {}
    topic_counts: Counter[int] = Counter()
    topic_scope = apply_filters(matched, filters, skip="topic").order_by()
    for path in ("policypage__topics", "integratedreleasepage__topics"):
        for row in (
            topic_scope.filter(**{f"{path}__isnull": False})
            .values(path, f"{path}__name")
            .annotate(n=Count("pk", distinct=True))
        ):
            topic_counts[row[path]] += row["n"]
            names[row[path]] = row[f"{path}__name"]
    facets["topic"] = [
        FacetValue(value=str(pk), label=names.get(pk, ""), count=count)
        for pk, count in _sorted(topic_counts)
    ]

    org_counts: Counter[int] = Counter()
    path = "policypage__issuers__organization"
    for row in (
        apply_filters(matched, filters, skip="organization")
        .order_by()
        .filter(**{f"{path}__isnull": False})
        .values(path, f"{path}__name")
        .annotate(n=Count("pk", distinct=True))
    ):
        org_counts[row[path]] += row["n"]
        names[("org", row[path])] = row[f"{path}__name"]
    facets["organization"] = [
        FacetValue(value=str(pk), label=names.get(("org", pk), ""), count=count)
        for pk, count in _sorted(org_counts)
    ]
    facets["year"] = [
        FacetValue(value=str(year), label=f"{year}年", count=counts["year"][year])
        for year in sorted(counts["year"], reverse=True)
    ]
    facets["validity"] = [
        FacetValue(value=value, label=str(Validity(value).label), count=count)
        for value, count in _sorted(counts["validity"])
    ]
    return total, facets


def only_filters(filters: SearchFilters, names: tuple[str, ...]):
    """A copy of ``filters`` keeping only the named ones."""
    from dataclasses import fields, replace

    return replace(
        filters, **{f.name: () for f in fields(filters) if f.name not in names}
    )


def _sorted(counts: Counter) -> list[tuple]:
    return sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))


def load_specific(page_ids: list[int]) -> dict[int, Page]:
    """Specific page instances by id, in one query per page type."""
    return {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()}
