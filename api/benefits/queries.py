"""benefitStandards(scheme:, on:) and benefitTimeline(scheme:)."""

from __future__ import annotations

import datetime

import strawberry
from django.utils import timezone

from api.context import Info
from cms.benefits.selectors import standards_on, timeline

from .types import BenefitStandardType, SchemeEnum


@strawberry.type
class BenefitQueries:
    @strawberry.field(
        description="某日执行的现行标准（默认今天），每个待遇项目和类别一条；"
        "只含调整依据已公开的标准。"
    )
    def benefit_standards(
        self,
        info: Info,
        scheme: SchemeEnum | None = None,
        on: datetime.date | None = None,
    ) -> list[BenefitStandardType]:
        return list(
            standards_on(
                on or timezone.localdate(),
                scheme=scheme.value if scheme else None,
                site=info.context.use_site(None),
            )
        )

    @strawberry.field(
        description="一个待遇项目历次调整的标准，按类别和执行起始日排列。"
    )
    def benefit_timeline(
        self, info: Info, scheme: SchemeEnum
    ) -> list[BenefitStandardType]:
        return list(timeline(scheme.value, site=info.context.use_site(None)))
