"""Policy documents as GraphQL types."""

from __future__ import annotations

import datetime
import enum

import strawberry
import strawberry_django
from django.db.models import Prefetch

from api.pages.types import PageInterface
from api.taxonomy.types import (
    AudienceType,
    OrganizationType,
    ServiceItemType,
    TopicType,
)
from cms.policies.models import (
    Disclosure,
    PolicyIssuer,
    PolicyPage,
    PolicyRelation,
    PolicyServiceItem,
    RelationType,
    Validity,
)

ValidityEnum = strawberry.enum(Validity, name="Validity", description="有效性")


@strawberry.enum(name="PolicyOrder", description="政策列表排序")
class PolicyOrder(enum.Enum):
    PUBLISH_DATE_DESC = "-publish_date"
    PUBLISH_DATE_ASC = "publish_date"
    WRITTEN_DATE_DESC = "-written_date"
    WRITTEN_DATE_ASC = "written_date"


@strawberry.input(name="DateRange", description="日期范围（含两端）")
class DateRangeInput:
    from_: datetime.date | None = strawberry.field(name="from", default=None)
    to: datetime.date | None = None


@strawberry.input(name="PolicyFilter", description="政策列表筛选条件，各条件同时满足。")
class PolicyFilterInput:
    topic: list[strawberry.ID] | None = strawberry.field(
        default=None, description="主题分类 ID；一级分类包含其二级分类"
    )
    organization: list[strawberry.ID] | None = strawberry.field(
        default=None, description="发文机关 ID（含联合发文）"
    )
    audience: list[strawberry.ID] | None = strawberry.field(
        default=None, description="服务对象 ID"
    )
    validity: list[ValidityEnum] | None = None
    doc_number: str | None = strawberry.field(
        default=None, description="发文字号，任意括号或空格写法均可"
    )
    written_date: DateRangeInput | None = None
    publish_date: DateRangeInput | None = None
    year: int | None = strawberry.field(default=None, description="发布年份")
    has_service_items: bool | None = strawberry.field(
        default=None, description="是否关联一网通办事项（阅办联动）"
    )


def _live_public(policy: PolicyPage | None) -> bool:
    return bool(policy and policy.live and policy.disclosure == Disclosure.PUBLIC)


@strawberry_django.type(PolicyPage, name="PolicyPage", description="政策文件")
class PolicyPageType(PageInterface):
    doc_number: str = strawberry_django.field(description="发文字号（原样）")
    index_number: str = strawberry_django.field(description="索引号")
    is_normative: bool = strawberry_django.field(description="是否规范性文件")
    written_date: datetime.date
    publish_date: datetime.date
    effective_date: datetime.date | None
    expiry_date: datetime.date | None
    summary: str
    interpretation_required: bool
    topics: list[TopicType]
    audiences: list[AudienceType]

    @strawberry_django.field(
        only=["validity_override", "expiry_date"], description="有效性，按日期实时计算"
    )
    def validity(self) -> ValidityEnum:
        return Validity(self.validity)

    @strawberry_django.field(only=["effective_date"], description="尚未施行")
    def not_yet_effective(self) -> bool:
        return self.not_yet_effective

    @strawberry_django.field(
        prefetch_related=[
            Prefetch(
                "issuers",
                queryset=PolicyIssuer.objects.select_related("organization").order_by(
                    "sort_order"
                ),
            )
        ],
        description="发文机关，联合发文按顺序，第一个为主办机关",
    )
    def issuing_organizations(self) -> list[OrganizationType]:
        return [link.organization for link in self.issuers.all()]

    @strawberry_django.field(
        prefetch_related=[
            Prefetch(
                "service_item_links",
                queryset=PolicyServiceItem.objects.select_related(
                    "service_item__organization"
                ).order_by("sort_order"),
            )
        ],
        description="阅办联动的一网通办事项",
    )
    def service_items(self) -> list[ServiceItemType]:
        return [link.service_item for link in self.service_item_links.all()]

    @strawberry_django.field(
        prefetch_related=[
            Prefetch(
                "relations",
                queryset=PolicyRelation.objects.select_related("target").order_by(
                    "sort_order"
                ),
            )
        ],
        description="本文件修订或废止的政策",
    )
    def amends(self) -> list[PolicyPageType]:
        return [
            relation.target
            for relation in self.relations.all()
            if _live_public(relation.target)
        ]

    @strawberry_django.field(
        prefetch_related=[
            Prefetch(
                "incoming_relations",
                queryset=PolicyRelation.objects.select_related("page").order_by("pk"),
            )
        ],
        description="修订或废止本文件的政策",
    )
    def superseded_by(self) -> list[PolicyPageType]:
        return [
            relation.page
            for relation in self.incoming_relations.all()
            if _live_public(relation.page)
        ]

    @strawberry_django.field(
        prefetch_related=[
            Prefetch(
                "incoming_relations",
                queryset=PolicyRelation.objects.select_related("page").order_by("pk"),
            )
        ],
        description="修订或废止本文件的关系类型：AMENDS 或 SUPERSEDES",
    )
    def superseded_how(self) -> list[str]:
        return [
            RelationType(relation.relation_type).name
            for relation in self.incoming_relations.all()
            if _live_public(relation.page)
        ]


TYPES = (PolicyPageType,)
