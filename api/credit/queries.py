"""creditDecisions(...), creditDecision(id), creditMonthStatements(year)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

import strawberry
import strawberry_django
from graphql import GraphQLError

from api.arguments import object_id, year
from api.connections import ListConnection
from api.context import Info
from cms.credit.selectors import filter_decisions, month_statements, public_decisions

from .types import (
    CreditDecisionFilterInput,
    CreditDecisionType,
    CreditMonthStatementType,
)

KEYWORD_MAX = 50


def _keyword(value: str | None) -> str | None:
    value = (value or "").strip()
    if len(value) > KEYWORD_MAX:
        raise GraphQLError(
            f"filter.keyword 最多 {KEYWORD_MAX} 个字，收到 {len(value)} 个字。",
            extensions={"code": "BAD_USER_INPUT", "field": "filter.keyword"},
        )
    return value or None


@strawberry.type
class CreditQueries:
    @strawberry_django.connection(
        ListConnection[CreditDecisionType],
        description=(
            "公示中的行政许可和行政处罚决定（双公示），决定日期最新的在前；"
            "行政处罚只在公示期内出现，信用修复或期满后不再出现。"
        ),
    )
    def credit_decisions(
        self,
        info: Info,
        filter: CreditDecisionFilterInput | None = None,  # noqa: A002
    ) -> Iterable[CreditDecisionType]:
        queryset = public_decisions()
        if filter is None:
            return queryset
        dates = filter.decision_date
        return filter_decisions(
            queryset,
            kind=filter.kind.value if filter.kind else None,
            date_from=dates.from_ if dates else None,
            date_to=dates.to if dates else None,
            authority=(filter.authority or "").strip() or None,
            keyword=_keyword(filter.keyword),
        )

    @strawberry_django.field(
        description="一件公示中的决定；不存在或不在公示中时为 null。"
    )
    def credit_decision(
        self,
        info: Info,
        id: strawberry.ID,  # noqa: A002
    ) -> CreditDecisionType | None:
        pk = object_id(id)
        if pk is None:
            return None
        return public_decisions().filter(pk=pk).first()

    @strawberry.field(
        description=(
            "某年已结束的各月行政处罚情况，没有行政处罚决定的月份给出"
            "“本月无行政处罚案件”的说明。"
        )
    )
    def credit_month_statements(
        self, info: Info, year_: Annotated[int, strawberry.argument(name="year")]
    ) -> list[CreditMonthStatementType]:
        checked = year(year_, "year")
        return [
            CreditMonthStatementType(
                year=item.year,
                month=item.month,
                has_penalties=item.has_penalties,
                statement=item.statement,
            )
            for item in month_statements(year=checked)
        ]
