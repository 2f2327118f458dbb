"""The pages of one result page, loaded once for all its edges.

The engine hands back specific pages, but loaded without the relations a query
may select on them (``... on PolicyPage { topics { name } }``), which would cost
a query per result. The first ``page`` field resolved reloads the whole batch,
one query per page type, optimized for the selection, which every edge shares
(a connection's nodes all have the same selection set).
"""

from __future__ import annotations

from strawberry_django.optimizer import optimize
from wagtail.models import Page

from api.context import Info


class SearchPageBatch:
    def __init__(self, pages: list[Page]) -> None:
        self.pages = pages
        self._loaded: dict[int, Page] | None = None

    def page(self, page: Page, info: Info) -> Page:
        if self._loaded is None:
            self._loaded = self._load(info)
        # A page deleted between the search and this reload keeps its search-time
        # instance rather than leaving a hole in a non-null field.
        return self._loaded.get(page.pk, page)

    def _load(self, info: Info) -> dict[int, Page]:
        ids_by_model: dict[type[Page], list[int]] = {}
        for page in self.pages:
            ids_by_model.setdefault(type(page), []).append(page.pk)
        loaded: dict[int, Page] = {}
        for model, ids in ids_by_model.items():
            queryset = optimize(model._default_manager.filter(pk__in=ids), info)
            loaded.update((page.pk, page) for page in queryset)
        return loaded
