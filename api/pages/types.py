"""The Page interface every page type implements, and the section pages."""

from __future__ import annotations

import datetime

import strawberry
import strawberry_django
from wagtail.models import Page

from api.context import Info
from api.pages.loaders import page_tree
from cms.events.models import EventIndexPage
from cms.home.models import HomePage
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

    # The ``only`` hints keep list queries from loading each deferred tree column
    # page by page.
    @strawberry_django.field(
        only=["url_path"],
        description="站点内路径，例如 /zhengce/xxx/，用于 page(urlPath:)。",
    )
    def url_path(self, info: Info) -> str:
        parts = _url_parts(self, info)
        return parts[2] if parts else self.url_path

    @strawberry_django.field(only=["url_path"], description="前端完整地址。")
    def url(self, info: Info) -> str | None:
        parts = _url_parts(self, info)
        return f"{parts[1]}{parts[2]}" if parts else None

    @strawberry.field(name="pageType", description="页面类型，例如 PolicyPage。")
    def page_type(self) -> str:
        return type(self).__name__

    @strawberry_django.field(
        only=["path", "depth"], description="上级页面（已发布、主动公开的）。"
    )
    def parent(self, info: Info) -> PageInterface | None:
        return page_tree(info).parent(self)

    @strawberry_django.field(
        only=["path", "depth", "numchild"],
        description=f"已发布、主动公开的下级页面，按栏目顺序，最多 {MAX_CHILDREN} 个。",
    )
    def children(self, info: Info, first: int = 20) -> list[PageInterface]:
        return page_tree(info).children(self, max(0, min(first, MAX_CHILDREN)), info)

    @strawberry_django.field(
        only=["path", "depth", "title", "url_path"],
        description="从站点首页到本页的路径。",
    )
    def breadcrumbs(self, info: Info) -> list[BreadcrumbType]:
        crumbs = []
        for page in [*page_tree(info).ancestors(self), self]:
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
