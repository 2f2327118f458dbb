"""releases(...) and faqs(...): integrated releases and the FAQs they reuse."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

import strawberry
import strawberry_django

from api.arguments import ids
from api.connections import ListConnection
from api.context import Info
from cms.core.selectors import listed
from cms.releases.selectors import (
    ReleaseCriteria,
    faqs,
    filter_releases,
    ordered_releases,
    public_releases,
)

from .types import FAQType, IntegratedReleasePageType, ReleaseFilterInput, ReleaseOrder


@strawberry.type
class ReleaseQueries:
    @strawberry_django.connection(
        ListConnection[IntegratedReleasePageType],
        description="已发布的集成式发布列表，默认最新的在前。",
    )
    def releases(
        self,
        info: Info,
        filter: ReleaseFilterInput | None = None,  # noqa: A002
        order: ReleaseOrder = ReleaseOrder.PUBLISHED_AT_DESC,
    ) -> Iterable[IntegratedReleasePageType]:
        site = info.context.use_site(None)
        if site is None:
            return public_releases(site=None).none()
        criteria = ReleaseCriteria(
            topic_ids=ids(filter.topic) if filter else None,
            audience_ids=ids(filter.audience) if filter else None,
        )
        queryset = filter_releases(
            listed(public_releases(site=site)), criteria=criteria
        )
        return ordered_releases(
            queryset, newest_first=order is ReleaseOrder.PUBLISHED_AT_DESC
        )

    @strawberry_django.connection(
        ListConnection[FAQType], description="常见问题，按问题排序。"
    )
    def faqs(
        self,
        topic: Annotated[
            list[strawberry.ID] | None,
            strawberry.argument(description="主题分类 ID；一级分类包含其二级分类"),
        ] = None,
    ) -> Iterable[FAQType]:
        return faqs(topic_ids=ids(topic))
