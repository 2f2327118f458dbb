"""policies(...): the filtered, ordered, paginated list of public policies."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry
import strawberry_django

from api.arguments import ids, year
from api.connections import ListConnection
from api.context import Info
from cms.policies.selectors import PolicyCriteria, filter_policies, listed_policies

from .types import PolicyFilterInput, PolicyOrder, PolicyPageType


def criteria_from(filter: PolicyFilterInput | None) -> PolicyCriteria:  # noqa: A002
    if filter is None:
        return PolicyCriteria()
    written = filter.written_date
    published = filter.publish_date
    return PolicyCriteria(
        topic_ids=ids(filter.topic),
        organization_ids=ids(filter.organization),
        audience_ids=ids(filter.audience),
        validity=tuple(v.value for v in filter.validity or ()),
        doc_number=filter.doc_number,
        written_from=written.from_ if written else None,
        written_to=written.to if written else None,
        published_from=published.from_ if published else None,
        published_to=published.to if published else None,
        year=year(filter.year, "filter.year"),
        has_service_items=filter.has_service_items,
    )


@strawberry.type
class PolicyQueries:
    @strawberry_django.connection(
        ListConnection[PolicyPageType],
        description="主动公开的政策文件列表（含失效、废止、已修订的，以有效性标明）。",
    )
    def policies(
        self,
        info: Info,
        filter: PolicyFilterInput | None = None,  # noqa: A002
        order: PolicyOrder = PolicyOrder.PUBLISH_DATE_DESC,
    ) -> Iterable[PolicyPageType]:
        # use_site also scopes the nested fields (interpretations, ...) to this site.
        queryset = listed_policies(info.context.use_site(None))
        queryset = filter_policies(queryset, criteria_from(filter))
        return queryset.order_by(order.value, "-pk")
