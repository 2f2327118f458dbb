"""Policy documents as GraphQL types."""

from __future__ import annotations

import datetime
import enum
from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from django.db.models import Prefetch

from api.content.channel import CHANNEL_ARGUMENT, Channel
from api.context import Info
from api.pages.links import linked_links, linked_pages, linked_pages_prefetch
from api.pages.types import PageInterface
from api.policies.attachments import (
    ATTACHMENTS_PREFETCH,
    PolicyAttachmentType,
    policy_attachments,
)
from api.policies.blocks import PolicyBodyBlock, policy_body
from api.taxonomy.types import (
    AudienceType,
    OrganizationType,
    ServiceItemType,
    TopicType,
)
from cms.interpretations.models import InterpretedPolicy
from cms.interpretations.selectors import (
    LINKS_NEWEST_FIRST,
    NEWEST_FIRST,
    public_interpretations,
)
from cms.policies.models import (
    PolicyIssuer,
    PolicyPage,
    PolicyRelation,
    PolicyServiceItem,
    RelationType,
    Validity,
)
from cms.policies.selectors import public_policies

if TYPE_CHECKING:
    from api.interpretations.types import InterpretationPageType

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


# Linked pages come back only when live and public in the requested site.
_amended = linked_pages_prefetch(
    "relations", link_model=PolicyRelation, target="target", pages=public_policies
)
_amending = linked_pages_prefetch(
    "incoming_relations",
    link_model=PolicyRelation,
    target="page",
    pages=public_policies,
    order_by=("pk",),
)
_AMENDING_KINDS = "public_incoming_relation_kinds"
_ISSUERS = "prefetched_issuers"
_amending_kinds = linked_pages_prefetch(
    "incoming_relations",
    link_model=PolicyRelation,
    target="page",
    pages=public_policies,
    order_by=("pk",),
    to_attr=_AMENDING_KINDS,
    with_pages=False,
)
_interpreted = linked_pages_prefetch(
    "interpretation_links",
    link_model=InterpretedPolicy,
    target="page",
    pages=public_interpretations,
    order_by=LINKS_NEWEST_FIRST,
)


@strawberry.type(
    name="ValidityNotice",
    description="不再有效的政策在页面顶部显示的提示（失效、废止、已修订）",
)
class ValidityNoticeType:
    validity: ValidityEnum
    since: datetime.date | None = strawberry.field(
        description="失效、废止或修订之日；未登记时为空"
    )
    text: str = strawberry.field(
        description="提示文字，如“本文件已于2025年3月1日废止，由《……》（……号）替代。”"
    )


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

    @strawberry_django.field(
        only=["validity_override", "expiry_date", "validity_date"],
        prefetch_related=[_amending],
        description="失效、废止或修订的提示（含日期和替代文件）；有效的政策为空",
    )
    def validity_notice(self, info: Info) -> ValidityNoticeType | None:
        links = _amending_links(self, info)
        notice = self.validity_notice(
            [(link.page, link.relation_type) for link in links]
        )
        if notice is None:
            return None
        return ValidityNoticeType(
            validity=Validity(notice.validity), since=notice.since, text=notice.text
        )

    @strawberry_django.field(only=["effective_date"], description="尚未施行")
    def not_yet_effective(self) -> bool:
        return self.not_yet_effective

    @strawberry_django.field(only=["body"], description="正文内容块")
    def body(
        self,
        info: Info,
        channel: Annotated[
            Channel | None, strawberry.argument(description=CHANNEL_ARGUMENT)
        ] = None,
    ) -> list[PolicyBodyBlock]:
        return policy_body(self.body, info, channel)

    @strawberry_django.field(
        prefetch_related=[ATTACHMENTS_PREFETCH],
        description="附件（PDF、OFD、Word、Excel），按顺序；受限的文件不列出",
    )
    def attachments(self, info: Info) -> list[PolicyAttachmentType]:
        return policy_attachments(self, info)

    @strawberry_django.field(
        prefetch_related=[
            Prefetch(
                "issuers",
                queryset=PolicyIssuer.objects.select_related("organization").order_by(
                    "sort_order"
                ),
                # A list, not a queryset per policy kept in the prefetch cache.
                to_attr=_ISSUERS,
            )
        ],
        description="发文机关，联合发文按顺序，第一个为主办机关",
    )
    def issuing_organizations(self) -> list[OrganizationType]:
        links = getattr(self, _ISSUERS, None)
        if links is None:  # a single page or a preview: not prefetched
            links = self.issuers.all()
        return [link.organization for link in links]

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
        prefetch_related=[_amended], description="本文件修订或废止的政策"
    )
    def amends(self, info: Info) -> list[PolicyPageType]:
        return linked_pages(
            self, info, relation="relations", target="target", pages=public_policies
        )

    @strawberry_django.field(
        prefetch_related=[_amending], description="修订或废止本文件的政策"
    )
    def superseded_by(self, info: Info) -> list[PolicyPageType]:
        return [link.page for link in _amending_links(self, info)]

    @strawberry_django.field(
        prefetch_related=[_amending_kinds],
        description="修订或废止本文件的关系类型：AMENDS 或 SUPERSEDES，与 supersededBy 一一对应",
    )
    def superseded_how(self, info: Info) -> list[str]:
        links = _amending_links(self, info, to_attr=_AMENDING_KINDS)
        return [RelationType(link.relation_type).name for link in links]

    @strawberry_django.field(
        prefetch_related=[_interpreted],
        description="本文件的政策解读（已发布、主动公开的），最新的在前",
    )
    def interpretations(
        self, info: Info
    ) -> list[
        Annotated[InterpretationPageType, strawberry.lazy("api.interpretations.types")]
    ]:
        return linked_pages(
            self,
            info,
            relation="interpretation_links",
            target="page",
            pages=public_interpretations,
            order_by=NEWEST_FIRST,
        )


def _amending_links(
    policy: PolicyPage, info: Info, *, to_attr: str | None = None
) -> list[PolicyRelation]:
    return linked_links(
        policy,
        info,
        relation="incoming_relations",
        target="page",
        pages=public_policies,
        to_attr=to_attr,
    )


TYPES = (PolicyPageType,)
