"""就业创业政策清单 as GraphQL types."""

from __future__ import annotations

import datetime
import decimal

import strawberry
import strawberry_django
from django.db.models import Prefetch

from api.conditions import ConditionType
from api.policies.types import PolicyPageType
from api.taxonomy.types import AudienceType, ServiceItemType, TopicType
from cms.policylist.models import EXPIRED_POLICY_NOTE, ItemCondition, PolicyListItem


@strawberry.type(
    name="PolicyBenefit", description="补贴标准，如 一次性创业补贴 5000 元"
)
class PolicyBenefitType:
    amount: decimal.Decimal | None = strawberry.field(description="金额（可估算时）")
    unit: str = strawberry.field(description="单位，如 元、元/人、元/月")
    text: str = strawberry.field(description="补贴标准的文字表述")


@strawberry.input(
    name="PolicyListItemFilter", description="政策清单筛选条件，各条件同时满足。"
)
class PolicyListItemFilterInput:
    audience: list[strawberry.ID] | None = strawberry.field(
        default=None, description="服务对象 ID"
    )
    topic: list[strawberry.ID] | None = strawberry.field(
        default=None, description="主题分类 ID；一级分类包含其二级分类"
    )
    service_item: list[strawberry.ID] | None = strawberry.field(
        default=None, description="一网通办事项 ID"
    )
    keyword: str | None = strawberry.field(
        default=None,
        description="关键词：在政策项目、对象范围、申请条件、补贴标准和政策标题中查找",
    )
    include_expired: bool = strawberry.field(
        default=False,
        description="是否包含所依据政策已失效的清单项（标注“所依据政策已失效”）",
    )


_conditions = Prefetch(
    "conditions", queryset=ItemCondition.objects.order_by("sort_order", "pk")
)


@strawberry_django.type(
    PolicyListItem,
    name="PolicyListItem",
    description="就业创业政策清单中的一项政策，有效性随所依据政策。",
)
class PolicyListItemType:
    id: strawberry.ID
    title: str = strawberry_django.field(description="政策项目")
    scope: str = strawberry_django.field(description="对象范围")
    requirements: str = strawberry_django.field(description="申请条件（文字表述）")
    materials: str = strawberry_django.field(description="申请材料")
    procedure: str = strawberry_django.field(description="办理流程")
    venue: str = strawberry_django.field(description="办理地点/方式")
    phone: str = strawberry_django.field(description="咨询电话")
    policy: PolicyPageType = strawberry_django.field(description="所依据政策")
    service_item: ServiceItemType | None = strawberry_django.field(
        description="一网通办事项"
    )
    audiences: list[AudienceType] = strawberry_django.field(description="服务对象")
    topics: list[TopicType] = strawberry_django.field(description="主题分类")
    updated_at: datetime.datetime = strawberry_django.field(description="最近更新时间")

    @strawberry_django.field(
        prefetch_related=[_conditions],
        description="可自动判断的申请条件（政策找人据此匹配），各条同时满足",
    )
    def conditions(self) -> list[ConditionType]:
        return [ConditionType.from_condition(c) for c in self.conditions_list()]

    @strawberry_django.field(
        only=["benefit_amount", "benefit_unit", "benefit_text"],
        description="补贴标准；没有可公开的标准时为 null",
    )
    def benefit(self) -> PolicyBenefitType | None:
        if self.benefit_amount is None and not self.benefit_text:
            return None
        return PolicyBenefitType(
            amount=self.benefit_amount,
            unit=self.benefit_unit,
            text=self.benefit_display(),
        )

    @strawberry_django.field(
        select_related=["policy"],
        description="所依据政策是否已失效（失效、废止或已修订）",
    )
    def policy_expired(self) -> bool:
        return self.policy_expired

    @strawberry_django.field(
        select_related=["policy"],
        description="所依据政策已失效时为“所依据政策已失效”，否则为 null",
    )
    def validity_note(self) -> str | None:
        return str(EXPIRED_POLICY_NOTE) if self.policy_expired else None


TYPES = (PolicyListItemType,)
