"""events(...): the filtered, ordered, paginated list of open activities."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry
import strawberry_django

from api.arguments import enum_values
from api.connections import ListConnection
from api.context import Info
from cms.core.selectors import listed
from cms.events.selectors import (
    EventCriteria,
    filter_events,
    ordered_events,
    public_events,
)

from .types import EventFilterInput, EventOrder, OpenEventPageType


def criteria_from(filter: EventFilterInput | None) -> EventCriteria:  # noqa: A002
    if filter is None:
        return EventCriteria()
    return EventCriteria(
        upcoming=filter.upcoming,
        past=filter.past,
        series=filter.series,
        venue_types=enum_values(filter.venue_type),
    )


@strawberry.type
class EventQueries:
    @strawberry_django.connection(
        ListConnection[OpenEventPageType],
        description="已发布的政府开放活动（含已取消的，以状态标明），默认开始时间最晚的在前。",
    )
    def events(
        self,
        info: Info,
        filter: EventFilterInput | None = None,  # noqa: A002
        order: EventOrder = EventOrder.START_AT_DESC,
    ) -> Iterable[OpenEventPageType]:
        site = info.context.use_site(None)
        if site is None:
            return public_events(site=None).none()
        queryset = filter_events(
            listed(public_events(site=site)), criteria=criteria_from(filter)
        )
        return ordered_events(queryset, soonest_first=order is EventOrder.START_AT_ASC)
