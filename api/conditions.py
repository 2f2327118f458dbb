"""Machine-checkable conditions (cms/core/conditions.py) as GraphQL types, shared by
the policy list and 政策找人."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.scalars import JSON
from strawberry.utils.str_converters import to_camel_case

from cms.core.conditions import FIELDS_BY_KEY, Condition, Operator

ConditionOperatorEnum = strawberry.enum(
    Operator, name="ConditionOperator", description="条件运算"
)


@strawberry.type(
    name="Condition",
    description="一条可自动判断的申请条件，如“年龄 小于等于 35 周岁”。",
)
class ConditionType:
    field: str = strawberry.field(
        description="条件字段（与个人/企业情况的字段名相同，如 age、yearsSinceGraduation）"
    )
    field_label: str = strawberry.field(description="条件字段的中文名称，如 年龄")
    operator: ConditionOperatorEnum
    operator_label: str = strawberry.field(description="运算的中文名称，如 小于等于")
    value: JSON | None = strawberry.field(
        description="取值：数值；“介于”为 [下限, 上限]；多个取值为列表；是/否类条件为 null"
    )
    description: str = strawberry.field(description="条件的中文表述")

    @classmethod
    def from_condition(cls, condition: Condition) -> ConditionType:
        spec = FIELDS_BY_KEY[condition.field]
        value: Any = condition.value
        return cls(
            field=to_camel_case(condition.field),
            field_label=spec.label,
            operator=Operator(condition.operator),
            operator_label=str(Operator(condition.operator).label),
            value=value,
            description=condition.describe(),
        )
