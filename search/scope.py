"""What a search may return, its filters and its facet counts, per scope.

A scope is one queryset the public rule is applied to: all pages together (one
``Page`` queryset, each page type's fields reached through its table, so a search
over every page type costs the same statements as over one), or the rows of one
registered record model (its declared public queryset). What each type contributes
to the filters and facets (topics, organizations, dates, validity) comes from its
registration (search/registry.py); nothing here knows a domain.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    Count,
    DateField,
    DateTimeField,
    F,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from wagtail.models import Page, Site

from cms.core.selectors import listed_pages

from . import registry
from .registry import OTHER_PAGES, SearchType

FACET_KEYS = ("contentType", "topic", "organization", "year", "validity")


def base_scope(site: Site) -> QuerySet:
    """Listed public pages of the site (archived ones keep their address but are not
    found), the site root excluded (it is not a search result)."""
    return listed_pages(site).exclude(depth__lte=site.root_page.depth)


@dataclass(frozen=True)
class Scope:
    """Pages (every page type) or the rows of one record model."""

    name: str  # "page", or the record model's label
    types: tuple[SearchType, ...]

    @property
    def is_pages(self) -> bool:
        return self.name == OTHER_PAGES

    @property
    def model(self):
        return Page if self.is_pages else self.types[0].model

    def base(self, site: Site) -> QuerySet:
        if self.is_pages:
            return base_scope(site)
        return self.types[0].public_queryset(site).order_by()

    def type_finder(self):
        """A function from a row's content type id to its registration, built once
        for the rows of one query."""
        if not self.is_pages:
            only = self.types[0]
            return lambda content_type_id: only
        types = registry.content_type_map()
        fallback = registry.type_for(Page)
        return lambda content_type_id: types.get(content_type_id, fallback)


def page_scope() -> Scope:
    return Scope(name=OTHER_PAGES, types=tuple(registry.page_types()))


def record_scope(search_type: SearchType) -> Scope:
    return Scope(name=search_type.model._meta.label, types=(search_type,))


def scopes() -> list[Scope]:
    """Pages first, then one scope per registered record model."""
    return [page_scope(), *(record_scope(t) for t in registry.record_types())]


def record_scope_named(name: str) -> Scope:
    for search_type in registry.record_types():
        if search_type.model._meta.label == name:
            return record_scope(search_type)
    raise LookupError(name)


def scope_for_content_type(content_type_id: int) -> Scope | None:
    found = registry.content_type_map().get(content_type_id)
    if found is None:
        return None
    return page_scope() if found.is_page else record_scope(found)


def restrict_to(queryset: QuerySet, ids: list[int]) -> QuerySet:
    """``queryset`` limited to ``ids`` (up to ~1,000 search matches).

    On PostgreSQL the ids travel as one array parameter: a thousand ``%s`` in each
    of the five statements that filter on them cost ~12 ms per search in psycopg's
    client-side query parsing alone.
    """
    if connection.vendor == "postgresql":
        # The array of the key's own type, so the comparison uses its index as is.
        key = queryset.model._meta.pk
        key = getattr(key, "target_field", key)  # a page type's key is Page's
        kind = "bigint" if isinstance(key, BigIntegerField) else "integer"
        return queryset.filter(
            pk__in=RawSQL(f"SELECT unnest(%s::{kind}[])", (list(ids),))  # noqa: S611 - kind is one of two literals
        )
    return queryset.filter(pk__in=ids)


# --- Per-type expressions ------------------------------------------------------------------


def _prefix(search_type: SearchType) -> str:
    path = registry.page_path(search_type.model) if search_type.is_page else ""
    return f"{path}__" if path else ""


def _within(scope: Scope, search_type: SearchType, condition: Q) -> Q:
    """``condition`` for the rows of ``search_type`` only."""
    own = registry.type_condition(search_type) if scope.is_pages else None
    return own & condition if own is not None else condition


def _date_paths(search_type: SearchType) -> list[str]:
    return [registry.prefixed(search_type, path) for path in search_type.dates]


def _is_datetime(search_type: SearchType, path: str) -> bool:
    return isinstance(search_type.date_field(path), DateTimeField)


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _in_year(search_type: SearchType, year: int) -> Q:
    """Rows of the type whose 发布日期 (the first of its dates that is set) is in
    ``year``, written as ranges: no per-row date functions (SQLite runs the time
    zone conversion as a Python function called per row)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    wanted = Q(pk__in=[])
    unset: dict[str, bool] = {}
    for own, path in zip(search_type.dates, _date_paths(search_type), strict=True):
        if _is_datetime(search_type, own):
            low, high = _local_midnight(start), _local_midnight(end)
        else:
            low, high = start, end
        wanted |= Q(**unset, **{f"{path}__gte": low, f"{path}__lt": high})
        unset[f"{path}__isnull"] = True
    return wanted


def in_years(scope: Scope, queryset: QuerySet, years) -> QuerySet:
    wanted = Q(pk__in=[])
    for year in sorted(set(years)):
        if not 1 <= year < 9999:
            continue  # nothing has such a year; date() would refuse it
        for search_type in scope.types:
            if search_type.dates:
                wanted |= _within(scope, search_type, _in_year(search_type, year))
    return queryset.filter(wanted)


def with_validity(scope: Scope, queryset: QuerySet) -> QuerySet:
    """``queryset`` annotated with ``search_validity`` ("" for types without one)."""
    typed = [t for t in scope.types if t.validity is not None]
    if not typed:
        return queryset.annotate(search_validity=Value("", output_field=CharField()))
    if not scope.is_pages:
        return queryset.annotate(search_validity=typed[0].validity(""))
    return queryset.annotate(
        search_validity=Case(
            *(
                When(registry.type_condition(t), then=t.validity(_prefix(t)))
                for t in typed
            ),
            default=Value(""),
            output_field=CharField(),
        )
    )


def date_expression(scope: Scope):
    """The 发布日期 of each row as a date, for ordering by date."""

    def of(search_type: SearchType):
        parts = [
            TruncDate(path) if _is_datetime(search_type, own) else F(path)
            for own, path in zip(
                search_type.dates, _date_paths(search_type), strict=True
            )
        ]
        if not parts:
            return Value(None, output_field=DateField())
        if len(parts) == 1:
            return parts[0]
        return Coalesce(*parts, output_field=DateField())

    if not scope.is_pages:
        return of(scope.types[0])
    fallback = registry.type_for(Page)
    return Case(
        *(
            When(registry.type_condition(t), then=of(t))
            for t in scope.types
            if t.dates != fallback.dates
        ),
        default=of(fallback),
        output_field=DateField(),
    )


# --- Filters -------------------------------------------------------------------------------


def _any_of(conditions: list[Q]) -> Q:
    return reduce(or_, conditions) if conditions else Q(pk__in=[])


def apply_filters(
    scope: Scope, queryset: QuerySet, filters, *, skip: str | None = None
) -> QuerySet:
    """``queryset`` narrowed by every filter except the facet ``skip``."""
    if filters.content_types and skip != "contentType":
        wanted = set(filters.content_types)
        if scope.is_pages:
            cts = [
                pk
                for pk, t in registry.content_type_map().items()
                if t.is_page and t.key in wanted
            ]
            queryset = queryset.filter(content_type_id__in=cts)
        elif scope.types[0].key not in wanted:
            queryset = queryset.none()
    if filters.topic_ids and skip != "topic":
        ids = list(filters.topic_ids)
        queryset = queryset.filter(
            _any_of(
                [
                    _within(
                        scope,
                        t,
                        Q(**{f"{registry.prefixed(t, path)}__in": ids})
                        | Q(**{f"{registry.prefixed(t, path)}__parent__in": ids}),
                    )
                    for t in scope.types
                    for path in t.topics
                ]
            )
        ).distinct()
    if filters.organization_ids and skip != "organization":
        ids = list(filters.organization_ids)
        queryset = queryset.filter(
            _any_of(
                [
                    _within(scope, t, Q(**{f"{registry.prefixed(t, path)}__in": ids}))
                    for t in scope.types
                    for path in t.organizations
                ]
            )
        ).distinct()
    if filters.years and skip != "year":
        queryset = in_years(scope, queryset, filters.years)
    if filters.validities and skip != "validity":
        queryset = with_validity(scope, queryset).filter(
            search_validity__in=list(filters.validities)
        )
    return queryset


def only_filters(filters, names: tuple[str, ...]):
    """A copy of ``filters`` keeping only the named ones."""
    from dataclasses import fields, replace

    return replace(
        filters, **{f.name: () for f in fields(filters) if f.name not in names}
    )


# --- Counting --------------------------------------------------------------------------------


@dataclass
class Counts:
    """The matches of one or more scopes, grouped for the total and the facets."""

    # (content type key, year, validity) -> matches
    rows: Counter = field(default_factory=Counter)
    topics: Counter = field(default_factory=Counter)
    organizations: Counter = field(default_factory=Counter)
    names: dict = field(default_factory=dict)

    def add(self, other: Counts) -> None:
        self.rows.update(other.rows)
        self.topics.update(other.topics)
        self.organizations.update(other.organizations)
        self.names.update(other.names)


def count(scope: Scope, matched: QuerySet, filters) -> Counts:
    """The matches of ``scope`` for the total and the facets, each facet counted
    with every filter but its own.

    Content type, year and validity come from one query (a row per match, at most
    ~1,000) and are cross-filtered in Python (``facets``); topics and organizations
    need a query each per field path.
    """
    counts = Counts()
    narrowed = matched
    if filters.topic_ids or filters.organization_ids:
        narrowed = apply_filters(
            scope, matched, only_filters(filters, ("topic_ids", "organization_ids"))
        )
    paths: list[str] = []
    for search_type in scope.types:
        paths += [p for p in _date_paths(search_type) if p not in paths]
    columns = ["pk", *(["content_type_id"] if scope.is_pages else []), *paths]
    seen: set[int] = set()
    type_of = scope.type_finder()
    own_paths: dict[SearchType, list[str]] = {}
    for row in (
        with_validity(scope, narrowed)
        .order_by()
        .values_list(*columns, "search_validity")
    ):
        if row[0] in seen:
            continue  # a row per topic of a match, when a topic filter joined them
        seen.add(row[0])
        values = dict(zip(columns, row, strict=False))
        search_type = type_of(values.get("content_type_id"))
        if search_type not in own_paths:
            own_paths[search_type] = _date_paths(search_type)
        day = search_type.date_of([values[p] for p in own_paths[search_type]])
        counts.rows[(search_type.key, day.year if day else None, row[-1])] += 1

    for facet, attribute, counter in (
        ("topic", "topics", counts.topics),
        ("organization", "organizations", counts.organizations),
    ):
        facet_scope = apply_filters(scope, matched, filters, skip=facet).order_by()
        for search_type in scope.types:
            for own in getattr(search_type, attribute):
                path = registry.prefixed(search_type, own)
                for row in (
                    facet_scope.filter(
                        _within(scope, search_type, Q(**{f"{path}__isnull": False}))
                    )
                    .values(path, f"{path}__name")
                    .annotate(n=Count("pk", distinct=True))
                ):
                    counter[row[path]] += row["n"]
                    counts.names[(facet, row[path])] = row[f"{path}__name"]
    return counts


def _dimension_filters(filters) -> dict[str, set]:
    """The filters on content type, year and validity, as sets of row values."""
    wanted: dict[str, set] = {}
    if filters.content_types:
        wanted["contentType"] = set(filters.content_types)
    if filters.years:
        wanted["year"] = set(filters.years)
    if filters.validities:
        wanted["validity"] = set(filters.validities)
    return wanted


def facets(counts: Counts, filters) -> tuple[int, dict[str, list]]:
    """The total and the facet values of ``counts``, each facet ignoring its own
    filter (so a chosen value can still be changed or another one added)."""
    from cms.policies.models import Validity

    from .engine import FacetValue

    rows = [(*key, n) for key, n in counts.rows.items()]
    if not rows:
        return 0, {key: [] for key in FACET_KEYS}
    wanted = _dimension_filters(filters)
    positions = {"contentType": 0, "year": 1, "validity": 2}

    def passes(row, skip: str | None = None) -> bool:
        return all(
            row[positions[name]] in values
            for name, values in wanted.items()
            if name != skip
        )

    total = sum(row[3] for row in rows if passes(row))
    by_dimension: dict[str, Counter] = {name: Counter() for name in positions}
    for row in rows:
        for name, position in positions.items():
            if row[position] not in (None, "") and passes(row, skip=name):
                by_dimension[name][row[position]] += row[3]
    result: dict[str, list] = {
        "contentType": [
            FacetValue(value=key, label=registry.label(key), count=n)
            for key, n in _sorted(by_dimension["contentType"])
        ],
        "topic": [
            FacetValue(
                value=str(pk), label=counts.names.get(("topic", pk), ""), count=n
            )
            for pk, n in _sorted(counts.topics)
        ],
        "organization": [
            FacetValue(
                value=str(pk),
                label=counts.names.get(("organization", pk), ""),
                count=n,
            )
            for pk, n in _sorted(counts.organizations)
        ],
        "year": [
            FacetValue(value=str(year), label=f"{year}年", count=n)
            for year, n in sorted(by_dimension["year"].items(), reverse=True)
        ],
        "validity": [
            FacetValue(value=value, label=str(Validity(value).label), count=n)
            for value, n in _sorted(by_dimension["validity"])
        ],
    }
    return total, result


def _sorted(counts: Counter) -> list[tuple]:
    return sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))


def load_specific(page_ids: list[int]) -> dict[int, Page]:
    """Specific page instances by id, in one query per page type."""
    return {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()}
