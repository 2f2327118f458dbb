"""The shared vocabulary: organizations, topics, audiences and service items."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry
import strawberry_django

from api.arguments import enum_values, ids
from api.connections import ListConnection
from cms.taxonomy import selectors

from .types import (
    AudienceKindEnum,
    AudienceType,
    OrganizationLevelEnum,
    OrganizationType,
    ServiceItemType,
    TopicType,
)


@strawberry.input(
    name="ServiceItemFilter", description="办事事项筛选条件，各条件同时满足。"
)
class ServiceItemFilterInput:
    organization: list[strawberry.ID] | None = strawberry.field(
        default=None, description="实施机构 ID"
    )
    name: str | None = strawberry.field(default=None, description="事项名称包含")


@strawberry.type
class TaxonomyQueries:
    @strawberry_django.field(description="机构，按排序；可按层级筛选。")
    def organizations(
        self, level: list[OrganizationLevelEnum] | None = None
    ) -> list[OrganizationType]:
        return selectors.organizations(levels=enum_values(level))  # type: ignore[return-value]

    @strawberry_django.field(
        description="主题分类树：一级分类，children 为其二级分类。"
    )
    def topics(self) -> list[TopicType]:
        return selectors.top_level_topics()  # type: ignore[return-value]

    @strawberry_django.field(description="服务对象，可按类别（个人、企业）筛选。")
    def audiences(
        self, kind: list[AudienceKindEnum] | None = None
    ) -> list[AudienceType]:
        return selectors.audiences(kinds=enum_values(kind))  # type: ignore[return-value]

    @strawberry_django.connection(
        ListConnection[ServiceItemType], description="一网通办事项，按名称排序。"
    )
    def service_items(
        self,
        filter: ServiceItemFilterInput | None = None,  # noqa: A002
    ) -> Iterable[ServiceItemType]:
        return selectors.service_items(
            organization_ids=ids(filter.organization) if filter else None,
            name=filter.name if filter else None,
        )
