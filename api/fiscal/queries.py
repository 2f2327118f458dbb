"""fiscalDisclosures(year:, kind:)."""

from __future__ import annotations

import strawberry
from django.db.models import Prefetch

from cms.fiscal.models import FiscalAttachment, FiscalFigure
from cms.fiscal.selectors import public_disclosures

from .types import FiscalDisclosureType, FiscalKindEnum


@strawberry.type
class FiscalQueries:
    @strawberry.field(
        description="已公开的财政信息，按年度倒序、类别排列；可按年度和类别筛选。"
    )
    def fiscal_disclosures(
        self, year: int | None = None, kind: FiscalKindEnum | None = None
    ) -> list[FiscalDisclosureType]:
        queryset = (
            public_disclosures(year=year, kind=kind.value if kind else None)
            .select_related("department")
            .prefetch_related(
                Prefetch(
                    "figures",
                    queryset=FiscalFigure.objects.order_by("sort_order", "pk"),
                ),
                Prefetch(
                    "attachments",
                    queryset=FiscalAttachment.objects.select_related(
                        "document"
                    ).order_by("sort_order", "pk"),
                ),
            )
        )
        return list(queryset)
