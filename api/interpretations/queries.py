"""interpretations(...): the filtered, ordered, paginated list of interpretations."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry
import strawberry_django

from api.arguments import enum_values, ids
from api.connections import ListConnection
from api.context import Info
from cms.core.selectors import listed
from cms.interpretations.selectors import (
    InterpretationCriteria,
    filter_interpretations,
    ordered_interpretations,
    public_interpretations,
)

from .types import (
    InterpretationFilterInput,
    InterpretationOrder,
    InterpretationPageType,
)


def criteria_from(filter: InterpretationFilterInput | None) -> InterpretationCriteria:  # noqa: A002
    if filter is None:
        return InterpretationCriteria()
    return InterpretationCriteria(
        policy_ids=ids(filter.policy),
        roles=enum_values(filter.role),
        formats=enum_values(filter.format),
        department_ids=ids(filter.department),
    )


@strawberry.type
class InterpretationQueries:
    @strawberry_django.connection(
        ListConnection[InterpretationPageType],
        description="已发布的政策解读列表，默认最新的在前。",
    )
    def interpretations(
        self,
        info: Info,
        filter: InterpretationFilterInput | None = None,  # noqa: A002
        order: InterpretationOrder = InterpretationOrder.PUBLISH_DATE_DESC,
    ) -> Iterable[InterpretationPageType]:
        site = info.context.use_site(None)
        if site is None:
            return public_interpretations(site=None).none()
        queryset = filter_interpretations(
            listed(public_interpretations(site=site)),
            criteria=criteria_from(filter),
            site=site,
        )
        return ordered_interpretations(
            queryset, newest_first=order is InterpretationOrder.PUBLISH_DATE_DESC
        )
