"""Public site search: one entry point for GraphQL, whatever the backend.

``search_pages`` and ``suggest`` are the interface the API (api/search/) builds on;
keep their signatures stable. Results are pages and records of every type in the
registry (search/registry.py); only what the public may see is ever returned —
live, public, 主动公开 pages of the site, records in their declared public
queryset — whatever the index holds.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Model
from wagtail.models import Page, Site

from . import matchers, registry
from . import scope as scopes
from .matchers import DatabaseMatcher
from .query import QueryPlan, clean_query, doc_number_serial, plan_query
from .registry import OTHER_PAGES, SearchType
from .scope import FACET_KEYS
from .segmentation import has_cjk, refresh
from .spelling import pinyin_prefix_terms

logger = logging.getLogger(__name__)

MAX_LIMIT = 100
# Fewer text matches than this: search the parts of compound words too.
FEW_MATCHES = 10


@dataclass(frozen=True)
class SearchFilters:
    content_types: tuple[str, ...] = ()  # registry keys: policy, question, page ...
    topic_ids: tuple[int, ...] = ()
    organization_ids: tuple[int, ...] = ()
    years: tuple[int, ...] = ()  # publish year
    validities: tuple[str, ...] = ()  # cms.policies Validity values


@dataclass
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class SearchHit:
    item: Model  # the specific page, or the record
    search_type: SearchType
    score: float

    @property
    def page(self) -> Page | None:
        return self.item if isinstance(self.item, Page) else None

    @property
    def record(self) -> Model | None:
        return None if isinstance(self.item, Page) else self.item


@dataclass
class SearchOutcome:
    total: int
    hits: list[SearchHit]  # only the requested window
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)
    did_you_mean: str | None = None
    doc_number_match: bool = False
    # True when the text matches reached the cap (MAX_CANDIDATES): there may be more
    # than ``total``, and the facet counts cover the best matches only.
    total_is_lower_bound: bool = False


def _empty_facets() -> dict[str, list[FacetValue]]:
    return {key: [] for key in FACET_KEYS}


def search_pages(
    *,
    query: str,
    site: Site,
    filters: SearchFilters = SearchFilters(),  # noqa: B008 - frozen, never mutated
    order: str = "relevance",
    offset: int = 0,
    limit: int = 20,
) -> SearchOutcome:
    """Public pages and records matching ``query``, a window of them and facets.

    A 文号 in the query puts that policy first. Pinyin and mistyped words are
    searched as the dictionary words they stand for, and the corrected query is
    offered as ``did_you_mean`` (您是不是要找).

    The best ``MAX_CANDIDATES`` (1,000) text matches are ranked, counted and
    faceted, like Elasticsearch's bounded hit counting: a word found in most
    documents (补贴) answers as fast as a rare one; ``total`` then says "1,000"
    rather than the exact number beyond that, and ``total_is_lower_bound`` says so.
    """
    offset = max(offset, 0)
    limit = max(min(limit, MAX_LIMIT), 0)
    plan = plan_query(query)
    outcome = _run(
        plan, site=site, filters=filters, order=order, offset=offset, limit=limit
    )
    correction = plan.corrected_text or plan.pinyin_text
    if correction and correction != plan.text and not outcome.doc_number_match:
        outcome.did_you_mean = correction
    return outcome


def _backend_matcher(plan: QueryPlan):
    """The Elasticsearch matcher when configured and reachable, else the database."""
    from .backends.elasticsearch import elasticsearch_matcher

    matcher = elasticsearch_matcher(plan)
    return matcher if matcher is not None else DatabaseMatcher(plan)


# A match: (scope name, primary key); pages share one scope, records have theirs.
Match = tuple[str, int]


def _by_scope(candidates) -> tuple[list[tuple[Match, float]], dict]:
    """The candidates as (match, score), best first, and {scope name: (scope, pks)}."""
    ranked: list[tuple[Match, float]] = []
    grouped: dict[str, tuple[scopes.Scope, list[int]]] = {}
    found: dict[int, scopes.Scope | None] = {}
    seen: set[Match] = set()
    for content_type_id, pk, score in candidates:
        if content_type_id not in found:
            found[content_type_id] = scopes.scope_for_content_type(content_type_id)
        scope = found[content_type_id]
        if scope is None:
            continue  # an indexed model the public search does not return
        match = (scope.name, pk)
        if match in seen:
            continue
        seen.add(match)
        ranked.append((match, score))
        grouped.setdefault(scope.name, (scope, []))[1].append(pk)
    return ranked, grouped


def _run(
    plan: QueryPlan,
    *,
    site: Site,
    filters: SearchFilters,
    order: str,
    offset: int,
    limit: int,
) -> SearchOutcome:
    if plan.is_empty:
        return SearchOutcome(total=0, hits=[], facets=_empty_facets(), terms=[])

    page_scope = scopes.page_scope()
    pinned_all = _doc_number_pages(plan, page_scope.base(site))
    cap = matchers.MAX_CANDIDATES
    candidates = _backend_matcher(plan).candidates(cap)
    if len(candidates) < FEW_MATCHES and plan.part_words:
        plan = plan.broadened()
        candidates = _backend_matcher(plan).candidates(cap)
    capped = len(candidates) >= cap
    ranked, grouped = _by_scope(candidates)
    scores = dict(ranked)
    if pinned_all:
        _scope, page_ids = grouped.setdefault(OTHER_PAGES, (page_scope, []))
        page_ids[:] = list(dict.fromkeys([*pinned_all, *page_ids]))

    counts = scopes.Counts()
    filtered: dict[str, tuple[scopes.Scope, object]] = {}
    for name, (scope, ids) in grouped.items():
        matched = scopes.restrict_to(scope.base(site), ids)
        filtered[name] = (scope, scopes.apply_filters(scope, matched, filters))
        counts.add(scopes.count(scope, matched, filters))
    total, facets = scopes.facets(counts, filters)
    if not total:
        return SearchOutcome(
            total=0, hits=[], facets=facets, terms=plan.terms, doc_number_match=False
        )
    allowed: set[Match] = set()
    for name, (_scope, queryset) in filtered.items():
        allowed.update((name, pk) for pk in queryset.values_list("pk", flat=True))
    # An exact 文号 first.
    pinned = [(OTHER_PAGES, pk) for pk in pinned_all if (OTHER_PAGES, pk) in allowed]

    if order == "date":
        window = _by_date(filtered, offset=offset, limit=limit)
        chosen = [(match, scores.get(match, 0.0)) for match in window]
    else:
        # A policy found by its 文号 scores above everything the text match found.
        top = max(scores.values(), default=0.0) + 1.0
        ordered = [(match, top + len(pinned) - i) for i, match in enumerate(pinned)]
        first = set(pinned)
        ordered += [
            (match, score)
            for match, score in ranked
            if match in allowed and match not in first
        ]
        chosen = ordered[offset : offset + limit]

    loaded = _load([match for match, _score in chosen], site)
    hits = [
        SearchHit(item=loaded[match][0], search_type=loaded[match][1], score=score)
        for match, score in ((m, round(s, 6)) for m, s in chosen)
        if match in loaded
    ]
    return SearchOutcome(
        total=total,
        hits=hits,
        facets=facets,
        terms=plan.terms,
        did_you_mean=None,
        doc_number_match=bool(pinned),
        total_is_lower_bound=capped,
    )


def _by_date(filtered: dict, *, offset: int, limit: int) -> list[Match]:
    """The window of matches by 发布日期, newest first, across the scopes."""
    rows: list[tuple] = []
    single = len(filtered) == 1
    for position, (name, (scope, queryset)) in enumerate(filtered.items()):
        ordered = (
            queryset.annotate(search_date=scopes.date_expression(scope))
            .order_by(F("search_date").desc(nulls_last=True), "-pk")
            .values_list("pk", "search_date")
        )
        window = (
            ordered[offset : offset + limit] if single else ordered[: offset + limit]
        )
        rows += [(day, position, pk, name) for pk, day in window]
    if single:
        return [(name, pk) for _day, _position, pk, name in rows]
    rows.sort(
        key=lambda row: (
            row[0] is None,
            -row[0].toordinal() if row[0] else 0,
            row[1],
            -row[2],
        )
    )
    return [(name, pk) for _day, _position, pk, name in rows[offset : offset + limit]]


def _load(matches: list[Match], site: Site) -> dict[Match, tuple[Model, SearchType]]:
    """The specific pages and the records of ``matches``, one query per model."""
    ids: dict[str, list[int]] = defaultdict(list)
    for name, pk in matches:
        ids[name].append(pk)
    loaded: dict[Match, tuple[Model, SearchType]] = {}
    for name, pks in ids.items():
        if name == OTHER_PAGES:
            for pk, page in scopes.load_specific(pks).items():
                search_type = registry.type_for(type(page))
                loaded[(name, pk)] = (page, search_type)
            continue
        search_type = scopes.record_scope_named(name).types[0]
        for record in search_type.public_queryset(site).filter(pk__in=pks):
            loaded[(name, record.pk)] = (record, search_type)
    return loaded


def _doc_number_pages(plan: QueryPlan, base) -> list[int]:
    """Public policies whose 文号 the query contains, exact match first.

    The found text may start with words of the question (请问闵人社发...): every
    suffix that keeps the 〔年份〕序号号 end is looked up by the indexed column.
    """
    if not plan.doc_numbers:
        return []
    from cms.policies.models import PolicyPage

    wanted: dict[str, int] = {}
    for position, number in enumerate(plan.doc_numbers):
        serial = doc_number_serial(number)
        if not serial:
            continue
        head = number[: len(number) - len(serial)]
        for start in range(len(head)):
            # Earlier starts are longer, closer to what was typed: they rank first.
            wanted.setdefault(number[start:], position * 100 + start)
    if not wanted:
        return []
    rows = PolicyPage.objects.filter(
        doc_number_normalized__in=list(wanted), live=True
    ).values_list("pk", "doc_number_normalized")
    return [pk for pk, stored in sorted(rows, key=lambda row: wanted[row[1]])]


def suggest(*, prefix: str, site: Site, limit: int = 8) -> list[str]:
    """Titles and dictionary terms completing ``prefix`` (Chinese or pinyin)."""
    prefix = clean_query(prefix)
    limit = max(min(limit, 20), 0)
    if not prefix or not limit:
        return []
    vocab = refresh()
    base = scopes.base_scope(site)
    lowered = prefix.lower()
    suggestions: list[str] = []
    if has_cjk(prefix):
        suggestions += list(
            base.filter(title__startswith=prefix)
            .order_by("-first_published_at", "-pk")
            .values_list("title", flat=True)[:limit]
        )
        terms = sorted(
            (t for t in vocab.terms if t.startswith(lowered) and t != lowered),
            key=lambda t: (len(t), t),
        )
        suggestions += terms
        if len(set(suggestions)) < limit:
            suggestions += list(
                base.filter(title__contains=prefix)
                .order_by("-first_published_at", "-pk")
                .values_list("title", flat=True)[:limit]
            )
    else:
        terms = pinyin_prefix_terms(lowered, limit)
        suggestions += terms
        if terms:
            suggestions += list(
                base.filter(title__contains=terms[0])
                .order_by("-first_published_at", "-pk")
                .values_list("title", flat=True)[:limit]
            )
        suggestions += list(
            base.filter(title__istartswith=prefix)
            .order_by("-first_published_at", "-pk")
            .values_list("title", flat=True)[:limit]
        )
    return list(dict.fromkeys(suggestions))[:limit]


__all__ = [
    "FACET_KEYS",
    "FacetValue",
    "SearchFilters",
    "SearchHit",
    "SearchOutcome",
    "search_pages",
    "suggest",
]
