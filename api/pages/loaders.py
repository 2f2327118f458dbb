"""Request-scoped loaders for the page tree: parent, ancestors and children.

The view runs the schema synchronously, so strawberry's asyncio DataLoader cannot
batch here. These loaders memoize by tree path instead: the pages of a list share
their parent and ancestors, so a list of any length costs one query for them, and
a page without children (``numchild == 0``) costs none. Children come back as
their specific types, optimized for the fields selected on each type.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from wagtail.models import Page, Site

from api.context import Info
from api.optimizer import optimize
from cms.home.selectors import public_pages

STEP = Page.steplen


class PageTreeLoader:
    """Live, public pages of one site, looked up by tree path and remembered."""

    def __init__(self, site: Site | None) -> None:
        self.site = site
        self._public: QuerySet | None = None
        self._specific: dict[str, Page | None] = {}
        self._crumbs: dict[str, Page | None] = {}

    @property
    def public(self) -> QuerySet:
        # Built once per request and site; the filters below derive from it.
        if self._public is None:
            self._public = public_pages(self.site) if self.site else Page.objects.none()
        return self._public

    def parent(self, page: Page) -> Page | None:
        if page.depth <= 1:
            return None
        path = page.path[:-STEP]
        if path not in self._specific:
            self._specific[path] = self.public.filter(path=path).specific().first()
        return self._specific[path]

    def ancestors(self, page: Page) -> list[Page]:
        """Public ancestors within the site, root first (title and url_path only)."""
        paths = [page.path[: STEP * depth] for depth in range(1, page.depth)]
        missing = [path for path in paths if path not in self._crumbs]
        if missing:
            found = {
                ancestor.path: ancestor
                for ancestor in self.public.filter(path__in=missing).only(
                    "id", "title", "url_path", "path", "depth"
                )
            }
            for path in missing:
                self._crumbs[path] = found.get(path)
        return [crumb for path in paths if (crumb := self._crumbs[path]) is not None]

    def children(self, page: Page, first: int, info: Info) -> list[Page]:
        # Not memoized: each page has its own children, and the selection decides
        # how they are optimized.
        if not page.numchild or first <= 0:
            return []
        rows = list(
            self.public.filter(path__startswith=page.path, depth=page.depth + 1)
            .order_by("path")
            .values_list("pk", "content_type_id")[:first]
        )
        return _specific_pages(rows, info)


def _specific_pages(rows: list[tuple[int, int]], info: Info) -> list[Page]:
    """Pages as their specific types, one query per type, each optimized for the
    fields the query selects on that type (``... on PolicyPage { topics }``)."""
    ids_by_type: dict[int, list[int]] = {}
    for pk, content_type_id in rows:
        ids_by_type.setdefault(content_type_id, []).append(pk)
    found: dict[int, Page] = {}
    for content_type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:  # a page type whose code is gone
            continue
        queryset = optimize(model._default_manager.filter(pk__in=ids), info)
        found.update((page.pk, page) for page in queryset)
    return [found[pk] for pk, _ in rows if pk in found]


def page_tree(info: Info) -> PageTreeLoader:
    """The loader for the site the current root field asked for."""
    site = info.context.site
    key = f"page-tree:{site.pk if site else '-'}"
    loader = info.context.loaders.get(key)
    if loader is None:
        loader = info.context.loaders[key] = PageTreeLoader(site)
    return loader  # type: ignore[return-value]
