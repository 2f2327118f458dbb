"""Redirects (wagtail.contrib.redirects) as GraphQL types."""

from __future__ import annotations

import strawberry_django
from django.db.models import Prefetch
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from api.context import Info
from api.pages.types import PageInterface
from cms.home.selectors import public_pages


def with_target_pages(queryset, *, site: Site):
    """Fetch the target pages, as their specific types, in one go for a list."""
    return queryset.prefetch_related(
        Prefetch("redirect_page", queryset=public_pages(site).specific())
    )


def _target(redirect: Redirect, info: Info) -> Page | None:
    if redirect.redirect_page_id is None:
        return None
    if Redirect.redirect_page.is_cached(redirect):
        return redirect.redirect_page
    site = info.context.site
    if site is None:
        return None
    pages = public_pages(site).filter(pk=redirect.redirect_page_id)
    return pages.specific().first()


@strawberry_django.type(Redirect, name="Redirect", description="重定向：旧地址到新地址")
class RedirectType:
    old_path: str = strawberry_django.field(description="旧路径，例如 /old/path")
    is_permanent: bool = strawberry_django.field(description="永久重定向（301）")

    @strawberry_django.field(
        only=["redirect_page_id"], description="目标页面（已发布、主动公开的）"
    )
    def page(self, info: Info) -> PageInterface | None:
        return _target(self, info)

    @strawberry_django.field(
        only=["redirect_page_id", "redirect_page_route_path", "redirect_link"],
        description="新地址：目标页面的完整地址，或外部链接",
    )
    def new_url(self, info: Info) -> str | None:
        page = _target(self, info)
        if page is None:
            return self.redirect_link or None
        parts = page.get_url_parts(request=info.context.request)
        if not parts or parts[2] is None:
            return None
        url = f"{parts[1]}{parts[2]}"
        route = self.redirect_page_route_path
        return f"{url.rstrip('/')}{route}" if route else url
