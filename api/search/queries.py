"""search(...) and suggest(...): Chinese full-text search over public pages and records."""

from __future__ import annotations

from typing import Annotated

import strawberry
from graphql import GraphQLError
from strawberry.relay import PageInfo
from strawberry.relay.utils import from_base64, to_base64
from wagtail.models import Site

from api import replays
from api.arguments import ids, year
from api.context import Info
from cms.policies.models import Validity
from search.engine import (
    FacetValue,
    SearchFilters,
    SearchHit,
    SearchOutcome,
    search_pages,
)
from search.highlight import hit_texts, mark, snippet
from search.querylog import normalize_query, suggestions

from .loaders import SearchPageBatch, SearchRecordBatch
from .types import (
    SearchConnectionType,
    SearchContentType,
    SearchEdgeType,
    SearchFacetsType,
    SearchFacetValueType,
    SearchFilterInput,
    SearchOrder,
    SearchResultType,
)

DEFAULT_PAGE_SIZE = 20
# Long enough for any sentence a citizen types or a pasted 文号 with its title;
# longer input is not a query, and segmenting it costs every request.
MAX_QUERY_LENGTH = 100
MAX_PREFIX_LENGTH = 30
CURSOR_PREFIX = "search"


def _ids(values: list[strawberry.ID] | None) -> tuple[int, ...]:
    return ids(values) or ()


def filters_from(filter: SearchFilterInput | None) -> SearchFilters:  # noqa: A002
    if filter is None:
        return SearchFilters()
    return SearchFilters(
        content_types=tuple(kind.value for kind in filter.content_type or ()),
        topic_ids=_ids(filter.topic),
        organization_ids=_ids(filter.organization),
        years=tuple(year(value, "filter.year") for value in filter.year or ()),
        validities=tuple(v.value for v in filter.validity or ()),
    )


def _offset_after(cursor: str | None) -> int:
    if cursor is None:
        return 0
    try:
        prefix, value = from_base64(cursor)
        # api.limits has refused offsets out of range before this runs.
        if prefix != CURSOR_PREFIX or not (value.isascii() and value.isdigit()):
            raise ValueError(cursor)
    except ValueError:
        raise GraphQLError(
            "after 不是有效的搜索分页游标，请使用上一页返回的 endCursor。",
            extensions={"code": "INVALID_CURSOR"},
        ) from None
    return int(value) + 1


def _facet_value(key: str, value: str) -> str:
    """Facet values as the filter takes them: enum names for the enums."""
    try:
        if key == "contentType":
            return SearchContentType(value).name
        if key == "validity":
            return Validity(value).name
    except ValueError:
        pass
    return value


def _facets(outcome: SearchOutcome) -> SearchFacetsType:
    def values(key: str) -> list[SearchFacetValueType]:
        found: list[FacetValue] = outcome.facets.get(key, [])
        return [
            SearchFacetValueType(
                value=_facet_value(key, str(v.value)), label=v.label, count=v.count
            )
            for v in found
        ]

    return SearchFacetsType(
        content_type=values("contentType"),
        topic=values("topic"),
        organization=values("organization"),
        year=values("year"),
        validity=values("validity"),
    )


def _url_paths(hits: list[SearchHit], site: Site | None, info: Info) -> list:
    """The site path of each hit: a page's own, a record's from its registration."""
    paths: dict[int, str | None] = {}
    by_type: dict = {}
    for index, hit in enumerate(hits):
        if hit.page is not None:
            parts = hit.page.get_url_parts(request=info.context.request)
            paths[index] = parts[2] if parts and parts[2] is not None else None
        else:
            by_type.setdefault(hit.search_type, []).append(index)
    for search_type, indexes in by_type.items():
        records = [hits[index].item for index in indexes]
        urls = search_type.urls(records, site) if search_type.urls and site else {}
        for index in indexes:
            paths[index] = urls.get(hits[index].item.pk)
    return [paths.get(index) for index in range(len(hits))]


def _connection(
    outcome: SearchOutcome, offset: int, info: Info, site: Site | None = None
) -> SearchConnectionType:
    texts = hit_texts(outcome.hits)
    paths = _url_paths(outcome.hits, site, info)
    batch = SearchPageBatch([hit.page for hit in outcome.hits if hit.page is not None])
    record_batch = SearchRecordBatch(
        [hit.record for hit in outcome.hits if hit.record is not None]
    )
    edges = [
        SearchEdgeType(
            cursor=to_base64(CURSOR_PREFIX, offset + index),
            node=SearchResultType(
                score=float(hit.score),
                highlighted_title=mark(title, outcome.terms),
                snippet=snippet(text, outcome.terms),
                content_type=SearchContentType(hit.search_type.key),
                title=title,
                url_path=paths[index],
                hit_page=hit.page,
                hit_record=hit.record,
                batch=batch,
                record_batch=record_batch,
            ),
        )
        for index, (hit, (title, text)) in enumerate(
            zip(outcome.hits, texts, strict=True)
        )
    ]
    return SearchConnectionType(
        total_count=outcome.total,
        total_count_is_lower_bound=outcome.total_is_lower_bound,
        page_info=PageInfo(
            has_next_page=offset + len(edges) < outcome.total,
            has_previous_page=offset > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        edges=edges,
        facets=_facets(outcome),
        did_you_mean=outcome.did_you_mean,
    )


EMPTY = SearchOutcome(total=0, hits=[])


@strawberry.type
class SearchQueries:
    @strawberry.field(
        description=(
            "全文搜索已发布、主动公开的全部页面（政策文件、解读、集成式发布、活动等）"
            "和公开的记录（选登的网上咨询等）："
            "支持中文分词、同义词、文号（任意括号写法）、拼音和纠错建议。"
            f"first 默认 {DEFAULT_PAGE_SIZE}；搜索词最长 {MAX_QUERY_LENGTH} 字。"
        )
    )
    def search(
        self,
        info: Info,
        query: str,
        filter: SearchFilterInput | None = None,  # noqa: A002
        order: SearchOrder = SearchOrder.RELEVANCE,
        first: int | None = None,
        after: str | None = None,
        site: Annotated[
            str | None, strawberry.argument(description="站点域名，默认为请求的站点")
        ] = None,
    ) -> SearchConnectionType:
        text = query.strip()
        if len(text) > MAX_QUERY_LENGTH:
            raise GraphQLError(
                f"搜索词过长：最多 {MAX_QUERY_LENGTH} 个字。",
                extensions={"code": "QUERY_TOO_LONG"},
            )
        offset = _offset_after(after)
        limit = DEFAULT_PAGE_SIZE if first is None else max(0, first)
        site_obj = info.context.use_site(site)
        if site_obj is None or not normalize_query(text):
            return _connection(EMPTY, offset, info)
        outcome = search_pages(
            query=text,
            site=site_obj,
            filters=filters_from(filter),
            order=order.value,
            offset=offset,
            limit=limit,
        )
        if after is None:  # the next pages of one search are not new searches
            info.context.replays.append(
                replays.search_logged(text, outcome.total, site_obj.pk)
            )
        return _connection(outcome, offset, info, site_obj)

    @strawberry.field(
        description=(
            "搜索框自动补全：标题、搜索词典中的词和近期热门搜索，"
            "中文前缀和拼音（全拼或首字母）均可。"
        )
    )
    def suggest(
        self,
        info: Info,
        prefix: str,
        first: int = 8,
        site: Annotated[
            str | None, strawberry.argument(description="站点域名，默认为请求的站点")
        ] = None,
    ) -> list[str]:
        text = prefix.strip()
        site_obj = info.context.use_site(site)
        if site_obj is None or not text or len(text) > MAX_PREFIX_LENGTH or first <= 0:
            return []
        return suggestions(prefix=text, site=site_obj, limit=first)
