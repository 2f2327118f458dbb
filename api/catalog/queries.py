"""disclosureCatalog(...): the standard catalog for the website's 政务公开 column."""

from __future__ import annotations

import strawberry

from api.context import Info
from cms.catalog.choices import BindingKind
from cms.catalog.selectors import catalog_items
from cms.catalog.status import item_statuses
from cms.core.selectors import public_pages

from .types import CatalogItemType, DisclosureCatalogAreaEnum


def _section_paths(items, info: Info) -> dict[int, str]:
    """The site path of each item's first bound column, if that column is public."""
    page_ids = {
        binding.page_id
        for item in items
        for binding in item.bindings.all()
        if binding.kind == BindingKind.SECTION and binding.page_id
    }
    request = info.context.request
    pages = {page.pk: page for page in public_pages().filter(pk__in=page_ids)}
    paths = {}
    for page_id, page in pages.items():
        parts = page.get_url_parts(request=request)
        if parts:
            paths[page_id] = parts[2]
    return paths


@strawberry.type
class CatalogQueries:
    @strawberry.field(
        description=(
            "政务公开标准目录：标准指引事项和本局补充事项，按领域、序号排列，"
            "附各事项在网站上的落实情况（是否已有内容、最近更新时间、对应栏目）。"
        )
    )
    def disclosure_catalog(
        self, info: Info, area: DisclosureCatalogAreaEnum | None = None
    ) -> list[CatalogItemType]:
        items = list(catalog_items(area=area.value if area else None, listed_only=True))
        statuses = item_statuses(items)
        paths = _section_paths(items, info)
        result = []
        for item in items:
            section = next(
                (
                    paths[binding.page_id]
                    for binding in item.bindings.all()
                    if binding.kind == BindingKind.SECTION and binding.page_id in paths
                ),
                None,
            )
            result.append(CatalogItemType.build(item, statuses[item.pk], section))
        return result
