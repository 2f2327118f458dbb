"""Policy interpretations (政策解读) as GraphQL types."""

from __future__ import annotations

import datetime
import enum
from typing import Annotated

import strawberry
import strawberry_django

from api.content.channel import CHANNEL_ARGUMENT, Channel
from api.context import Info
from api.interpretations.blocks import InterpretationBodyBlock, interpretation_body
from api.pages.links import linked_pages, linked_pages_prefetch
from api.pages.types import PageInterface
from api.policies.types import PolicyPageType
from api.taxonomy.types import OrganizationType
from cms.interpretations.models import (
    InterpretationPage,
    InterpretedPolicy,
    InterpreterRole,
)
from cms.policies.selectors import public_policies

InterpreterRoleEnum = strawberry.enum(
    InterpreterRole, name="InterpreterRole", description="解读角色"
)


@strawberry.enum(name="InterpretationFormat", description="解读形式")
class InterpretationFormat(enum.Enum):
    QA = "qa"
    INFOGRAPHIC = "infographic"
    VIDEO = "video"
    LIVE = "live"


@strawberry.enum(name="InterpretationOrder", description="解读列表排序")
class InterpretationOrder(enum.Enum):
    PUBLISH_DATE_DESC = "desc"
    PUBLISH_DATE_ASC = "asc"


@strawberry.input(
    name="InterpretationFilter", description="解读列表筛选条件，各条件同时满足。"
)
class InterpretationFilterInput:
    policy: list[strawberry.ID] | None = strawberry.field(
        default=None, description="所解读的政策 ID"
    )
    role: list[InterpreterRoleEnum] | None = None
    format: list[InterpretationFormat] | None = strawberry.field(
        default=None, description="包含任一所列形式的解读"
    )
    department: list[strawberry.ID] | None = strawberry.field(
        default=None, description="责任科室 ID"
    )


_policies_of = linked_pages_prefetch(
    "interpreted_policies",
    link_model=InterpretedPolicy,
    target="policy",
    pages=public_policies,
)


@strawberry_django.type(
    InterpretationPage, name="InterpretationPage", description="政策解读"
)
class InterpretationPageType(PageInterface):
    role: InterpreterRoleEnum
    interpreter_name: str = strawberry_django.field(description="解读人")
    department: OrganizationType | None = strawberry_django.field(
        description="责任科室（谁起草谁解读）"
    )
    publish_date: datetime.date | None
    summary: str

    @strawberry_django.field(
        only=["body"], description="正文中出现的解读形式，按首次出现的顺序"
    )
    def formats(self) -> list[InterpretationFormat]:
        return [InterpretationFormat(value) for value in self.formats]

    @strawberry_django.field(only=["body"], description="解读内容块")
    def body(
        self,
        info: Info,
        channel: Annotated[
            Channel | None, strawberry.argument(description=CHANNEL_ARGUMENT)
        ] = None,
    ) -> list[InterpretationBodyBlock]:
        return interpretation_body(self.body, info, channel)

    @strawberry_django.field(
        prefetch_related=[_policies_of],
        description="所解读的政策（仅已发布、主动公开的）",
    )
    def policies(self, info: Info) -> list[PolicyPageType]:
        return linked_pages(
            self,
            info,
            relation="interpreted_policies",
            target="policy",
            pages=public_policies,
        )


TYPES = (InterpretationPageType,)
