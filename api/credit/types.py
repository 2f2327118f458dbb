"""双公示 decisions as GraphQL types: only the public (masked) copies are fields."""

from __future__ import annotations

import datetime
import decimal

import strawberry
import strawberry_django

from api.policies.types import DateRangeInput
from cms.credit.models import CreditDecision, DecisionKind, PartyType, Severity

CreditDecisionKindEnum = strawberry.enum(
    DecisionKind, name="CreditDecisionKind", description="决定类别"
)
PartyTypeEnum = strawberry.enum(
    PartyType, name="CreditPartyType", description="当事人类型"
)
SeverityEnum = strawberry.enum(
    Severity, name="CreditSeverity", description="失信严重程度（行政处罚）"
)


@strawberry_django.type(
    CreditDecision,
    name="CreditDecision",
    description=(
        "一件行政许可或行政处罚决定（双公示）。自然人的姓名和身份证号码已脱敏，"
        "例如 张某某、110***********1234。"
    ),
)
class CreditDecisionType:
    id: strawberry.ID
    kind: CreditDecisionKindEnum = strawberry_django.field(description="决定类别")
    document_number: str = strawberry_django.field(description="文书号")
    party_type: PartyTypeEnum = strawberry_django.field(description="当事人类型")
    decision_date: datetime.date = strawberry_django.field(description="决定日期")
    authority: str = strawberry_django.field(description="决定机关")
    penalty_type: str = strawberry_django.field(description="处罚种类（行政许可为空）")
    fine_amount: decimal.Decimal | None = strawberry_django.field(
        description="罚款金额（元）"
    )
    valid_from: datetime.date | None = strawberry_django.field(
        description="有效期自（行政许可）"
    )
    valid_until: datetime.date | None = strawberry_django.field(
        description="有效期至（行政许可）"
    )
    publicity_end: datetime.date | None = strawberry_django.field(
        description="公示截止日期（行政处罚的最长公示期至；行政许可为空）"
    )
    published_at: datetime.datetime = strawberry_django.field(description="公示时间")

    @strawberry_django.field(only=["public_party_name"], description="当事人")
    def party_name(self) -> str:
        return self.public_party_name

    @strawberry_django.field(
        only=["public_identifier"],
        description="统一社会信用代码；自然人为脱敏的身份证号码",
    )
    def party_identifier(self) -> str:
        return self.public_identifier

    @strawberry_django.field(
        only=["public_content"],
        description="违法事实（行政处罚）或许可内容（行政许可）",
    )
    def content(self) -> str:
        return self.public_content

    @strawberry_django.field(only=["public_basis"], description="依据")
    def basis(self) -> str:
        return self.public_basis

    @strawberry_django.field(only=["public_decision_content"], description="决定内容")
    def decision_content(self) -> str:
        return self.public_decision_content

    @strawberry_django.field(only=["severity", "kind"], description="失信严重程度")
    def severity(self) -> SeverityEnum | None:
        return Severity(self.severity) if self.severity else None


@strawberry.input(
    name="CreditDecisionFilter", description="双公示列表筛选条件，各条件同时满足。"
)
class CreditDecisionFilterInput:
    kind: CreditDecisionKindEnum | None = strawberry.field(
        default=None, description="决定类别"
    )
    decision_date: DateRangeInput | None = strawberry.field(
        default=None, description="决定日期范围"
    )
    authority: str | None = strawberry.field(default=None, description="决定机关全称")
    keyword: str | None = strawberry.field(
        default=None,
        description="关键词：文书号、当事人（脱敏后）、统一社会信用代码、违法事实或许可内容",
    )


@strawberry.type(
    name="CreditMonthStatement",
    description="一个月的行政处罚情况；没有行政处罚决定的月份公布“本月无行政处罚案件”。",
)
class CreditMonthStatementType:
    year: int
    month: int
    has_penalties: bool = strawberry.field(description="本月是否有行政处罚决定")
    statement: str | None = strawberry.field(
        description="无行政处罚决定时为“YYYY年M月本月无行政处罚案件”，否则为 null"
    )
