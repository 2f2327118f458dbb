"""page(...): one page by path or id, within a site, live and public only."""

from __future__ import annotations

from urllib.parse import unquote

import strawberry
from django.db.models import QuerySet
from wagtail.models import Site

from api.context import Info
from cms.home.selectors import public_pages

from .types import PageInterface


def _page_by_path(queryset: QuerySet, site: Site, url_path: str):
    # Frontends may send the path back percent-encoded, as url/urlPath give it.
    path = unquote(url_path).strip("/")
    full = site.root_page.url_path + (f"{path}/" if path else "")
    return queryset.filter(url_path=full).specific().first()


@strawberry.type
class PageQueries:
    @strawberry.field(description="按站点内路径或 ID 取一个已发布、主动公开的页面。")
    def page(
        self,
        info: Info,
        url_path: str | None = None,
        id: strawberry.ID | None = None,  # noqa: A002
        site: str | None = None,
    ) -> PageInterface | None:
        site_obj = info.context.site_for(site)
        if site_obj is None:
            return None
        queryset = public_pages(site_obj)
        if id is not None:
            if not str(id).isdigit():
                return None
            return queryset.filter(pk=int(id)).specific().first()
        if url_path is not None:
            return _page_by_path(queryset, site_obj, url_path)
        return None
