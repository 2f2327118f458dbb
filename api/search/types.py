"""Full-text search results as GraphQL types."""

from __future__ import annotations

import enum
from typing import Annotated, Union

import strawberry
from django.db.models import Model
from strawberry.relay import PageInfo
from wagtail.models import Page

from api.benefits.types import BenefitStandardType
from api.context import Info
from api.credit.types import CreditDecisionType
from api.fiscal.types import FiscalDisclosureType
from api.pages.types import PageInterface
from api.policies.types import ValidityEnum
from api.policylist.types import PolicyListItemType
from api.questions.types import PublishedQuestionType
from cms.benefits.models import BenefitStandard
from cms.credit.models import CreditDecision
from cms.fiscal.models import FiscalDisclosure
from cms.policylist.models import PolicyListItem
from cms.questions.models import Question
from search import registry

from .loaders import SearchPageBatch, SearchRecordBatch


def _content_type_enum() -> type[enum.Enum]:
    """One member per key of the search registry (search/registry.py), "page" last."""
    members = {
        key.upper(): strawberry.enum_value(key, description=registry.description(key))
        for key in registry.search_keys()
    }
    return strawberry.enum(
        enum.Enum("SearchContentType", members),
        name="SearchContentType",
        description="搜索结果的内容类型",
    )


SearchContentType = _content_type_enum()

# The GraphQL type of each registered record model (a test checks that every
# record type in the registry has one); the union is this explicit tuple.
RECORD_TYPES: dict[type[Model], type] = {
    Question: PublishedQuestionType,
    PolicyListItem: PolicyListItemType,
    CreditDecision: CreditDecisionType,
    FiscalDisclosure: FiscalDisclosureType,
    BenefitStandard: BenefitStandardType,
}
SearchRecord = Annotated[
    Union[  # noqa: UP007 - strawberry reads the members here
        PublishedQuestionType,
        PolicyListItemType,
        CreditDecisionType,
        FiscalDisclosureType,
        BenefitStandardType,
    ],
    strawberry.union(
        "SearchRecord",
        description="命中的记录：不是页面的公开内容，例如选登的网上咨询、就业创业政策清单事项、双公示决定、财政信息、待遇标准。",
    ),
]


@strawberry.enum(name="SearchOrder", description="搜索结果排序")
class SearchOrder(enum.Enum):
    RELEVANCE = strawberry.enum_value("relevance", description="按相关度")
    DATE = strawberry.enum_value("date", description="按发布日期，新的在前")


@strawberry.input(
    name="SearchFilter",
    description="搜索筛选条件：各维度之间同时满足，维度内任一即可。",
)
class SearchFilterInput:
    content_type: list[SearchContentType] | None = strawberry.field(
        default=None, description="内容类型"
    )
    topic: list[strawberry.ID] | None = strawberry.field(
        default=None, description="主题分类 ID；一级分类包含其二级分类"
    )
    organization: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="机构 ID：政策文件的发文机关（含联合发文）、网上咨询的答复单位",
    )
    year: list[int] | None = strawberry.field(default=None, description="发布年份")
    validity: list[ValidityEnum] | None = strawberry.field(
        default=None, description="有效性（只对政策文件有意义）"
    )


@strawberry.type(name="SearchFacetValue", description="一个筛选项及其结果数。")
class SearchFacetValueType:
    value: str = strawberry.field(
        description=(
            "可直接用作 SearchFilter 对应字段的取值："
            "内容类型和有效性为枚举名（POLICY、VALID），主题和机构为 ID，年份为数字。"
        )
    )
    label: str = strawberry.field(description="显示名称")
    count: int = strawberry.field(description="结果数")


@strawberry.type(name="SearchFacets", description="按维度统计的结果数。")
class SearchFacetsType:
    content_type: list[SearchFacetValueType]
    topic: list[SearchFacetValueType]
    organization: list[SearchFacetValueType]
    year: list[SearchFacetValueType]
    validity: list[SearchFacetValueType]


@strawberry.type(name="SearchResult", description="一条搜索结果。")
class SearchResultType:
    score: float = strawberry.field(
        description="相关度得分，仅用于比较同一次搜索的结果"
    )
    highlighted_title: str = strawberry.field(
        description="标题，命中的词以 <em> 标出，其余部分已做 HTML 转义"
    )
    snippet: str = strawberry.field(
        description="正文中命中最集中的一段（约 120 字），<em> 标出命中词，其余已转义；被截断处以 … 标明"
    )
    content_type: SearchContentType = strawberry.field(description="结果的内容类型")
    title: str = strawberry.field(description="标题（纯文本）")
    url_path: str | None = strawberry.field(
        description=(
            "站点内路径：页面为页面路径；记录为列出它的栏目页加锚点，"
            "例如 /zixun/?page=2#question-12。站点上没有展示它的栏目时为 null"
        )
    )
    hit_page: strawberry.Private[Page | None]
    hit_record: strawberry.Private[Model | None]
    batch: strawberry.Private[SearchPageBatch]
    record_batch: strawberry.Private[SearchRecordBatch]

    @strawberry.field(
        description="命中的页面；命中的是记录（如选登的网上咨询）时为 null，见 record"
    )
    def page(self, info: Info) -> PageInterface | None:
        if self.hit_page is None:
            return None
        return self.batch.page(self.hit_page, info)

    @strawberry.field(description="命中的记录（如选登的网上咨询）；命中页面时为 null")
    def record(self, info: Info) -> SearchRecord | None:
        if self.hit_record is None:
            return None
        return self.record_batch.record(self.hit_record, info)


@strawberry.type(name="SearchEdge")
class SearchEdgeType:
    cursor: str
    node: SearchResultType


@strawberry.type(
    name="SearchConnection", description="搜索结果（分页）、分面统计和纠错建议。"
)
class SearchConnectionType:
    total_count: int = strawberry.field(
        description=(
            "结果总数。很宽泛的搜索只统计最相关的 1000 条文字匹配，"
            "这时 totalCountIsLowerBound 为 true，totalCount 是下限"
        )
    )
    total_count_is_lower_bound: bool = strawberry.field(
        description=(
            "为 true 时实际结果多于 totalCount（可显示为“1000+ 条”），"
            "分面计数也只统计最相关的部分"
        )
    )
    page_info: PageInfo
    edges: list[SearchEdgeType]
    facets: SearchFacetsType = strawberry.field(
        description=(
            "各维度的结果数，用于筛选：每个维度按其他维度的筛选条件统计，"
            "不受本维度已选条件影响，因此已选的维度仍可改选或多选"
        )
    )
    did_you_mean: str | None = strawberry.field(
        description="结果很少且有相近的词时，“您是不是要找”的建议词"
    )
