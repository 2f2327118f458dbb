"""policyListItems(...), policyListItem(id), policyListUpdatedAt."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import strawberry
import strawberry_django

from api.arguments import ids, object_id
from api.connections import ListConnection
from api.context import Info
from cms.policylist.selectors import (
    ItemCriteria,
    filter_list_items,
    list_updated_at,
    public_list_items,
)

from .types import PolicyListItemFilterInput, PolicyListItemType


def criteria_from(filter: PolicyListItemFilterInput | None) -> ItemCriteria:  # noqa: A002
    if filter is None:
        return ItemCriteria()
    return ItemCriteria(
        audience_ids=ids(filter.audience),
        topic_ids=ids(filter.topic),
        service_item_ids=ids(filter.service_item),
        keyword=(filter.keyword or "")[:100],
    )


@strawberry.type
class PolicyListQueries:
    @strawberry_django.connection(
        ListConnection[PolicyListItemType],
        description="就业创业政策清单：所依据政策已发布、主动公开的清单项；"
        "默认不含所依据政策已失效的项（includeExpired 可包含，并标注）。",
    )
    def policy_list_items(
        self,
        info: Info,
        filter: PolicyListItemFilterInput | None = None,  # noqa: A002
    ) -> Iterable[PolicyListItemType]:
        include_expired = bool(filter and filter.include_expired)
        queryset = public_list_items(
            info.context.use_site(None), include_expired=include_expired
        )
        return filter_list_items(queryset, criteria_from(filter)).order_by(
            "sort_order", "pk"
        )

    @strawberry_django.field(
        description="政策清单中的一项（含所依据政策已失效的，以 policyExpired 标明）；不公开时为 null。"
    )
    def policy_list_item(
        self,
        info: Info,
        id: strawberry.ID,  # noqa: A002
    ) -> PolicyListItemType | None:
        pk = object_id(id)
        if pk is None:
            return None
        return public_list_items(info.context.use_site(None)).filter(pk=pk).first()

    @strawberry.field(
        description="政策清单最近一次更新的时间（及时更新）；清单为空时为 null。"
    )
    def policy_list_updated_at(self, info: Info) -> datetime.datetime | None:
        return list_updated_at(info.context.use_site(None))
