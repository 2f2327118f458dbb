"""redirects(site:) and redirect(path:): old paths a frontend must forward."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

import strawberry
import strawberry_django
from wagtail.contrib.redirects.models import Redirect

from api.connections import ListConnection
from api.context import Info
from cms.home.selectors import public_redirect_for, public_redirects

from .types import RedirectType, with_target_pages

SiteArgument = Annotated[
    str | None,
    strawberry.argument(description="站点主机名，可带端口；默认为当前请求的站点"),
]


@strawberry.type
class RedirectQueries:
    @strawberry_django.connection(
        ListConnection[RedirectType],
        description="站点的重定向，按旧路径排序；只含指向公开页面或外部链接的。",
    )
    def redirects(
        self, info: Info, site: SiteArgument = None
    ) -> Iterable[RedirectType]:
        site_obj = info.context.use_site(site)
        if site_obj is None:
            return Redirect.objects.none()
        return with_target_pages(public_redirects(site=site_obj), site=site_obj)

    @strawberry.field(description="某个旧路径的重定向；没有时为 null。")
    def redirect(
        self,
        info: Info,
        path: Annotated[str, strawberry.argument(description="请求的路径，可含查询串")],
        site: SiteArgument = None,
    ) -> RedirectType | None:
        site_obj = info.context.use_site(site)
        if site_obj is None:
            return None
        return public_redirect_for(site=site_obj, path=path)  # type: ignore[return-value]
