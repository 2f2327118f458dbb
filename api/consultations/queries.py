"""consultations(...) and the 重大行政决策 catalogs."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry
import strawberry_django

from api import arguments
from api.arguments import enum_values
from api.connections import ListConnection
from api.context import Info
from cms.consultations.selectors import (
    ConsultationCriteria,
    filter_consultations,
    ordered_consultations,
    public_catalogs,
    public_consultations,
)
from cms.core.selectors import listed

from .decisions import MajorDecisionCatalogPageType
from .types import ConsultationFilterInput, ConsultationOrder, ConsultationPageType


def criteria_from(filter: ConsultationFilterInput | None) -> ConsultationCriteria:  # noqa: A002
    if filter is None:
        return ConsultationCriteria()
    return ConsultationCriteria(
        statuses=enum_values(filter.status),
        kinds=enum_values(filter.kind),
        enterprise_related=filter.is_enterprise_related,
    )


@strawberry.type
class ConsultationQueries:
    @strawberry_django.connection(
        ListConnection[ConsultationPageType],
        description="已发布的征求意见，默认开始日期最晚的在前；可按状态（北京时间当天）筛选。",
    )
    def consultations(
        self,
        info: Info,
        filter: ConsultationFilterInput | None = None,  # noqa: A002
        order: ConsultationOrder = ConsultationOrder.OPEN_DATE_DESC,
        site: str | None = None,
    ) -> Iterable[ConsultationPageType]:
        site_obj = info.context.use_site(site)
        if site_obj is None:
            return public_consultations(site=None).none()
        queryset = filter_consultations(
            listed(public_consultations(site=site_obj)), criteria=criteria_from(filter)
        )
        return ordered_consultations(
            queryset, newest_first=order is ConsultationOrder.OPEN_DATE_DESC
        )

    @strawberry_django.field(
        description="已发布的重大行政决策事项目录，年度最新的在前。",
    )
    def major_decision_catalogs(
        self,
        info: Info,
        year: int | None = None,
        site: str | None = None,
    ) -> list[MajorDecisionCatalogPageType]:
        site_obj = info.context.use_site(site)
        if site_obj is None:
            return public_catalogs(site=None).none()
        queryset = public_catalogs(site=site_obj)
        if arguments.year(year) is not None:
            queryset = queryset.filter(year=year)
        return queryset.order_by("-year", "pk")
