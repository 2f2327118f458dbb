"""Integrated releases (集成式发布) and FAQs as GraphQL types."""

from __future__ import annotations

import datetime
import enum
from typing import Annotated

import strawberry
import strawberry_django

from api.content.channel import CHANNEL_ARGUMENT, Channel
from api.content.rich_text import MAX_LENGTH_ARGUMENT, render_rich_text
from api.context import Info
from api.pages.types import PageInterface
from api.releases.blocks import ReleaseBodyBlock, release_body
from api.taxonomy.types import AudienceType, OrganizationType, TopicType
from cms.releases.models import FAQ, IntegratedReleasePage


@strawberry.enum(name="ReleaseOrder", description="集成式发布列表排序")
class ReleaseOrder(enum.Enum):
    PUBLISHED_AT_DESC = "desc"
    PUBLISHED_AT_ASC = "asc"


@strawberry.input(
    name="ReleaseFilter", description="集成式发布筛选条件，各条件同时满足。"
)
class ReleaseFilterInput:
    topic: list[strawberry.ID] | None = strawberry.field(
        default=None, description="主题分类 ID；一级分类包含其二级分类"
    )
    audience: list[strawberry.ID] | None = strawberry.field(
        default=None, description="服务对象 ID"
    )


@strawberry_django.type(
    IntegratedReleasePage, name="IntegratedReleasePage", description="集成式发布"
)
class IntegratedReleasePageType(PageInterface):
    theme: str = strawberry_django.field(description="主题")
    summary: str
    topics: list[TopicType]
    audiences: list[AudienceType]

    @strawberry_django.field(only=["body"], description="分组内容块")
    def body(
        self,
        info: Info,
        channel: Annotated[
            Channel | None, strawberry.argument(description=CHANNEL_ARGUMENT)
        ] = None,
    ) -> list[ReleaseBodyBlock]:
        return release_body(self.body, info, channel)


@strawberry_django.type(FAQ, name="FAQ", description="常见问题")
class FAQType:
    id: strawberry.ID
    question: str
    topics: list[TopicType]
    department: OrganizationType | None = strawberry_django.field(
        description="答复科室"
    )
    updated_at: datetime.datetime

    @strawberry_django.field(only=["answer"], description="解答（按渠道输出的富文本）")
    def answer(
        self,
        info: Info,
        channel: Annotated[
            Channel | None, strawberry.argument(description=CHANNEL_ARGUMENT)
        ] = None,
        max_length: Annotated[
            int | None, strawberry.argument(description=MAX_LENGTH_ARGUMENT)
        ] = None,
    ) -> str:
        return render_rich_text(self.answer, info, channel, max_length)


TYPES = (IntegratedReleasePageType,)
