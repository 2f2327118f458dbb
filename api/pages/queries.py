"""page(...): one page by path or id, within a site, live and public only; or a
draft named by a preview token."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import unquote

import strawberry
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from graphql import GraphQLError
from wagtail.models import Page, Site

from api.arguments import object_id
from api.context import Info
from api.optimizer import optimize
from cms.home.preview import PreviewTokenError, preview_page_for_token
from cms.home.selectors import public_pages

from .types import PageInterface


def _specific(queryset: QuerySet, info: Info) -> Page | None:
    """The one page of ``queryset``, loaded as its type with the optimizer's hints.

    Lists get ``select_related``/``prefetch_related`` from the optimizer extension;
    a single interface-typed root needs it asked for, once its type is known, or
    every joint issuer and interpretation would cost a query of its own.
    """
    found = queryset.values_list("pk", "content_type_id").first()
    if found is None:
        return None
    pk, content_type_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    return optimize(model.objects.filter(pk=pk), info).first()


def _page_by_path(
    queryset: QuerySet, site: Site, url_path: str, info: Info
) -> Page | None:
    # Frontends may send the path back percent-encoded, as url/urlPath give it.
    path = unquote(url_path).strip("/")
    full = site.root_page.url_path + (f"{path}/" if path else "")
    return _specific(queryset.filter(url_path=full), info)


def _preview(info: Info, token: str, site: Site | None) -> Page:
    # A draft must never land in a shared cache, whatever the outcome.
    info.context.private = True
    try:
        return preview_page_for_token(token=token, site=site)
    except PreviewTokenError as error:
        raise GraphQLError(
            str(error), extensions={"code": "PREVIEW_TOKEN_INVALID"}
        ) from error


@strawberry.type
class PageQueries:
    @strawberry.field(
        description=(
            "按站点内路径或 ID 取一个已发布、主动公开的页面；"
            "带 previewToken 时取该令牌指向的草稿版本（后台“前端预览”生成，限时有效）。"
        )
    )
    def page(
        self,
        info: Info,
        url_path: str | None = None,
        id: strawberry.ID | None = None,  # noqa: A002
        site: str | None = None,
        preview_token: Annotated[
            str | None,
            strawberry.argument(description="预览令牌；无效或过期时返回 null 并报错"),
        ] = None,
    ) -> PageInterface | None:
        site_obj = info.context.use_site(site)
        if preview_token is not None:
            return _preview(info, preview_token, site_obj)
        if site_obj is None:
            return None
        queryset = public_pages(site_obj)
        if id is not None:
            if (pk := object_id(id)) is None:
                return None
            return _specific(queryset.filter(pk=pk), info)
        if url_path is not None:
            return _page_by_path(queryset, site_obj, url_path, info)
        return None
