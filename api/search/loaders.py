"""The pages and records of one result page, loaded once for all its edges.

The engine hands back specific pages, but loaded without the relations a query
may select on them (``... on PolicyPage { topics { name } }``), which would cost
a query per result. The first ``page`` field resolved reloads the whole batch,
one query per page type, optimized for the selection, which every edge shares
(a connection's nodes all have the same selection set).
"""

from __future__ import annotations

from django.db.models import Model
from strawberry_django.optimizer import optimize
from wagtail.models import Page

from api.context import Info
from search import registry


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


class SearchRecordBatch:
    """The records of one result page, reloaded like the pages: one query per
    record model, optimized for what the query selects on them."""

    def __init__(self, records: list[Model]) -> None:
        self.records = records
        self._loaded: dict[tuple[type[Model], object], Model] | None = None

    def record(self, record: Model, info: Info) -> Model:
        if self._loaded is None:
            self._loaded = self._load(info)
        return self._loaded.get((type(record), record.pk), record)

    def _load(self, info: Info) -> dict[tuple[type[Model], object], Model]:
        ids_by_model: dict[type[Model], list] = {}
        for record in self.records:
            ids_by_model.setdefault(type(record), []).append(record.pk)
        loaded: dict[tuple[type[Model], object], Model] = {}
        for model, ids in ids_by_model.items():
            search_type = registry.record_type_for(model)
            if search_type is None:
                continue
            # Through the public rule again: a record withdrawn since the search
            # keeps its search-time instance rather than showing its new state.
            public = search_type.public_queryset(None).filter(pk__in=ids)
            loaded.update(((model, row.pk), row) for row in optimize(public, info))
        return loaded
