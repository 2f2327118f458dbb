"""The Page interface every page type implements, and the section pages."""

from __future__ import annotations

import datetime

import strawberry
import strawberry_django
from wagtail.models import Page

from api.context import Info
from cms.events.models import EventIndexPage
from cms.home.models import HomePage
from cms.home.selectors import public_pages
from cms.interpretations.models import InterpretationIndexPage
from cms.policies.models import PolicyIndexPage
from cms.releases.models import ReleaseIndexPage

MAX_CHILDREN = 100


def _url_parts(page: Page, info: Info) -> tuple[int, str, str] | None:
    parts = page.get_url_parts(request=info.context.request)
    return parts if parts and parts[2] is not None else None


@strawberry.type(name="Breadcrumb")
class BreadcrumbType:
    id: strawberry.ID
    title: str
    url_path: str


@strawberry.interface(name="Page", description="所有页面类型共有的字段。")
class PageInterface:
    id: strawberry.ID
    title: str
    seo_title: str
    search_description: str
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None

    @strawberry.field(
        description="站点内路径，例如 /zhengce/xxx/，用于 page(urlPath:)。"
    )
    def url_path(self, info: Info) -> str:
        parts = _url_parts(self, info)
        return parts[2] if parts else self.url_path

    @strawberry.field(description="前端完整地址。")
    def url(self, info: Info) -> str | None:
        parts = _url_parts(self, info)
        return f"{parts[1]}{parts[2]}" if parts else None

    @strawberry.field(name="pageType", description="页面类型，例如 PolicyPage。")
    def page_type(self) -> str:
        return type(self).__name__

    @strawberry.field
    def parent(self, info: Info) -> PageInterface | None:
        site = info.context.default_site
        parent = self.get_parent()
        if parent is None:
            return None
        return public_pages(site).filter(pk=parent.pk).specific().first()

    @strawberry.field
    def children(self, info: Info, first: int = 20) -> list[PageInterface]:
        first = max(0, min(first, MAX_CHILDREN))
        queryset = public_pages(info.context.default_site).child_of(self).specific()
        return list(queryset[:first])

    @strawberry.field(description="从站点首页到本页的路径。")
    def breadcrumbs(self, info: Info) -> list[BreadcrumbType]:
        site = info.context.default_site
        ancestors = (
            public_pages(site).ancestor_of(self, inclusive=True).order_by("depth")
        )
        crumbs = []
        for page in ancestors:
            parts = _url_parts(page, info)
            crumbs.append(
                BreadcrumbType(
                    id=strawberry.ID(str(page.pk)),
                    title=page.title,
                    url_path=parts[2] if parts else page.url_path,
                )
            )
        return crumbs


@strawberry_django.type(HomePage, name="HomePage")
class HomePageType(PageInterface):
    intro: str


@strawberry_django.type(PolicyIndexPage, name="PolicyIndexPage")
class PolicyIndexPageType(PageInterface):
    intro: str


@strawberry_django.type(InterpretationIndexPage, name="InterpretationIndexPage")
class InterpretationIndexPageType(PageInterface):
    intro: str


@strawberry_django.type(ReleaseIndexPage, name="ReleaseIndexPage")
class ReleaseIndexPageType(PageInterface):
    intro: str


@strawberry_django.type(EventIndexPage, name="EventIndexPage")
class EventIndexPageType(PageInterface):
    intro: str


TYPES = (
    HomePageType,
    PolicyIndexPageType,
    InterpretationIndexPageType,
    ReleaseIndexPageType,
    EventIndexPageType,
)
