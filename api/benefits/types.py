"""待遇标准调整 as GraphQL types."""

from __future__ import annotations

import datetime
import decimal

import strawberry
import strawberry_django

from api.policies.types import PolicyPageType
from cms.benefits.models import BenefitStandard, Scheme

SchemeEnum = strawberry.enum(Scheme, name="BenefitScheme", description="待遇项目")


@strawberry_django.type(
    BenefitStandard, name="BenefitStandard", description="一项待遇标准"
)
class BenefitStandardType:
    id: strawberry.ID
    scheme: SchemeEnum
    category: str = strawberry_django.field(description="类别")
    amount: decimal.Decimal = strawberry_django.field(description="标准")
    unit: str = strawberry_django.field(description="单位")
    effective_from: datetime.date = strawberry_django.field(description="执行起始日")
    effective_to: datetime.date | None = strawberry_django.field(
        description="执行截止日；现行有效的为 null"
    )
    previous_amount: decimal.Decimal | None = strawberry_django.field(
        description="调整前标准"
    )
    decision_date: datetime.date = strawberry_django.field(description="调整决定日期")
    basis_policy: PolicyPageType = strawberry_django.field(description="调整依据")
    disclosure_due: datetime.date = strawberry_django.field(
        field_name="due_date",
        description="公开期限：调整决定日期后第 20 个工作日（政府信息公开条例第二十六条）",
    )
    disclosed_on: datetime.date | None = strawberry_django.field(
        description="公开日期：随调整依据发布公开之日"
    )


TYPES = (BenefitStandardType,)
