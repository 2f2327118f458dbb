"""Public site search: one entry point for GraphQL, whatever the backend.

``search_pages`` and ``suggest`` are the interface the API (api/search/) builds on;
keep their signatures stable. Only live, public, 主动公开 pages of the site are ever
returned, whatever the index holds.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.db.models import DateField, F
from django.db.models.functions import Coalesce, TruncDate
from wagtail.models import Page, Site

from . import matchers
from . import scope as scopes
from .matchers import DatabaseMatcher
from .query import QueryPlan, clean_query, doc_number_serial, plan_query
from .segmentation import has_cjk, refresh
from .spelling import pinyin_prefix_terms

logger = logging.getLogger(__name__)

MAX_LIMIT = 100
# Fewer text matches than this: search the parts of compound words too.
FEW_MATCHES = 10


@dataclass(frozen=True)
class SearchFilters:
    content_types: tuple[str, ...] = ()  # policy, interpretation, release, event, page
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
    page: Page  # the specific page instance
    score: float


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


FACET_KEYS = ("contentType", "topic", "organization", "year", "validity")


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
    """Public pages of ``site`` matching ``query``, a window of them and facet counts.

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

    base = scopes.base_scope(site)
    pinned_all = _doc_number_pages(plan, base)
    cap = matchers.MAX_CANDIDATES
    candidates = _backend_matcher(plan).candidates(cap)
    if len(candidates) < FEW_MATCHES and plan.part_words:
        plan = plan.broadened()
        candidates = _backend_matcher(plan).candidates(cap)
    capped = len(candidates) >= cap
    scores = dict(candidates)
    ids = list(dict.fromkeys([*pinned_all, *scores]))
    matched = scopes.restrict_to(base, ids)
    filtered = scopes.apply_filters(matched, filters)
    total, facets = scopes.count_and_facets(matched, filters)
    if not total:
        return SearchOutcome(
            total=0, hits=[], facets=facets, terms=plan.terms, doc_number_match=False
        )
    allowed = set(filtered.values_list("pk", flat=True))
    pinned = [pk for pk in pinned_all if pk in allowed]  # exact 文号 first

    if order == "date":
        window = _by_date(filtered, offset=offset, limit=limit)
        ranked = [(pk, scores.get(pk, 0.0)) for pk in window]
    else:
        # A policy found by its 文号 scores above everything the text match found.
        top = max(scores.values(), default=0.0) + 1.0
        ordered = [(pk, top + len(pinned) - i) for i, pk in enumerate(pinned)]
        ordered += [
            (pk, score)
            for pk, score in candidates
            if pk in allowed and pk not in set(pinned)
        ]
        ranked = ordered[offset : offset + limit]

    pages = scopes.load_specific([pk for pk, _score in ranked])
    hits = [
        SearchHit(page=pages[pk], score=round(score, 6))
        for pk, score in ranked
        if pk in pages
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


def _date_expression():
    return Coalesce(
        "policypage__publish_date",
        "interpretationpage__publish_date",
        TruncDate("first_published_at"),
        output_field=DateField(),
    )


def _by_date(filtered, *, offset: int, limit: int) -> list[int]:
    return list(
        filtered.annotate(search_date=_date_expression())
        .order_by(F("search_date").desc(nulls_last=True), "-pk")
        .values_list("pk", flat=True)[offset : offset + limit]
    )


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
