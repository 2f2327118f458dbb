"""Wagtail's database search backend (SQLite FTS5, PostgreSQL) fed with segmented text.

SQLite's FTS5 tokenizer and PostgreSQL's ``simple`` configuration see a run of Chinese
characters as one token. Indexing jieba's words joined by spaces, and segmenting the
query the same way, makes both find words inside sentences. Only public pages and
the public rows of registered records are indexed (see ``indexing.split_public``).

Configure with ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}``.
"""

from __future__ import annotations

from functools import cache

from django.db import connection
from django.db.models import F
from modelsearch.backends.database.fallback import DatabaseSearchBackend
from modelsearch.utils import get_content_type_pk
from wagtail.models import Page

from ..segmentation import refresh, segment
from .indexing import index_texts, split_public


def _segmented_query(query):
    if isinstance(query, str):
        refresh()
        return " ".join(segment(query)) or query
    return query


def _searches_public_only_index(model_or_queryset) -> bool:
    """Pages and registered records: the index holds only their public rows."""
    from .. import registry

    model = getattr(model_or_queryset, "model", model_or_queryset)
    if not isinstance(model, type):
        return False
    return issubclass(model, Page) or registry.record_type_for(model) is not None


class _EditorPageSearch(DatabaseSearchBackend):
    """Substring matches. Ordered "by relevance" (the caller asked for no order of
    its own), the most recently edited pages (the newest records) come first: there
    is no score."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        queryset = getattr(model_or_queryset, "objects", model_or_queryset).all()
        if kwargs.get("order_by_relevance", True):
            if issubclass(queryset.model, Page):
                queryset = queryset.order_by(
                    F("latest_revision_created_at").desc(nulls_last=True), "-pk"
                )
            else:
                queryset = queryset.order_by("-pk")
        return super()._search(query_compiler_class, query, queryset, **kwargs)


@cache
def _editor_page_search() -> _EditorPageSearch:
    return _EditorPageSearch({})


class ChineseQueryMixin:
    """Segments plain query strings, so ``Document.objects.search("失业金怎么领")`` works.

    Pages and registered records (search/registry.py) are different: the index
    holds only their public rows (the public must never find anything else), but
    ``Page.objects.search()`` / ``.autocomplete()`` serve the admin (page search,
    choosers, listings), where editors look for drafts and 依申请公开 documents too.
    Those calls match the words as substrings of the model's search fields in the
    database, which needs no segmentation and no index. The public search goes
    through ``search.engine``, never through these methods.
    """

    def search(self, query, model_or_queryset, *args, **kwargs):
        if _searches_public_only_index(model_or_queryset):
            return _editor_page_search().search(
                query, model_or_queryset, *args, **kwargs
            )
        return super().search(
            _segmented_query(query), model_or_queryset, *args, **kwargs
        )

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        if _searches_public_only_index(model_or_queryset):
            return _editor_page_search().autocomplete(
                query, model_or_queryset, *args, **kwargs
            )
        return super().autocomplete(
            _segmented_query(query), model_or_queryset, *args, **kwargs
        )


@cache
def _sqlite_backend_class():
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteIndex,
        SQLiteSearchBackend,
    )

    class ChineseSQLiteIndex(SQLiteIndex):
        def add_items(self, model, objs):
            if not model.get_search_fields():
                return
            objs, hidden = split_public(model, objs)
            content_type_pk = get_content_type_pk(model)
            entries = self.entries.filter(content_type_id=content_type_pk)
            if hidden:
                entries.filter(object_id__in=[str(obj.pk) for obj in hidden]).delete()
            if not objs:
                return
            data = {str(obj.pk): index_texts(obj) for obj in objs}
            existing = set(
                entries.filter(object_id__in=list(data)).values_list(
                    "object_id", flat=True
                )
            )
            for object_id in existing:
                title, body, autocomplete = data[object_id]
                entries.filter(object_id=object_id).update(
                    title=title, body=body, autocomplete=autocomplete, title_norm=1.0
                )
            model_class = self.entries.model
            self.entries.bulk_create(
                [
                    model_class(
                        content_type_id=content_type_pk,
                        object_id=object_id,
                        title=title,
                        body=body,
                        autocomplete=autocomplete,
                    )
                    for object_id, (title, body, autocomplete) in data.items()
                    if object_id not in existing
                ]
            )
            self._refresh_title_norms()

    class ChineseSQLiteSearchBackend(ChineseQueryMixin, SQLiteSearchBackend):
        index_class = ChineseSQLiteIndex
        vendor = "sqlite"

    return ChineseSQLiteSearchBackend


@cache
def _postgres_backend_class():
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
    )

    class ChinesePostgresIndex(PostgresIndex):
        def add_items(self, model, objs):
            if not model.get_search_fields():
                return
            objs, hidden = split_public(model, objs)
            content_type_pk = get_content_type_pk(model)
            if hidden:
                self.entries.filter(
                    content_type_id=content_type_pk,
                    object_id__in=[str(obj.pk) for obj in hidden],
                ).delete()
            if not objs:
                return
            config = self.backend.config or "simple"
            table = self.entries.model._meta.db_table
            rows = []
            params: list = []
            for obj in objs:
                title, body, autocomplete = index_texts(obj)
                rows.append(
                    "(%s, %s, setweight(to_tsvector(%s::regconfig, %s), 'A'),"
                    " to_tsvector(%s::regconfig, %s),"
                    " setweight(to_tsvector(%s::regconfig, %s), 'C'), 1.0, %s, %s)"
                )
                params.extend(
                    [
                        content_type_pk,
                        str(obj.pk),
                        config,
                        title,
                        config,
                        autocomplete,
                        config,
                        body,
                        title,
                        body,
                    ]
                )
            with self.write_connection.cursor() as cursor:
                cursor.execute(
                    f"""
                    INSERT INTO {table} (content_type_id, object_id, title, autocomplete,
                                         body, title_norm, title_text, body_text)
                    VALUES {", ".join(rows)}
                    ON CONFLICT (content_type_id, object_id)
                    DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0,
                                  autocomplete = EXCLUDED.autocomplete,
                                  body = EXCLUDED.body,
                                  title_text = EXCLUDED.title_text,
                                  body_text = EXCLUDED.body_text
                    """,  # noqa: S608
                    params,
                )
            self._refresh_title_norms()

    class ChinesePostgresSearchBackend(ChineseQueryMixin, PostgresSearchBackend):
        index_class = ChinesePostgresIndex
        vendor = "postgresql"

        def __init__(self, params):
            params = {"SEARCH_CONFIG": "simple", **params}
            super().__init__(params)

    return ChinesePostgresSearchBackend


def SearchBackend(params):  # noqa: N802 - Wagtail looks the factory up by this name
    """The database backend for the default connection, indexing segmented text."""
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import (
            fts5_available,
            fts_table_exists,
        )

        if fts5_available() and fts_table_exists():
            return _sqlite_backend_class()(params)
    return DatabaseSearchBackend(params)
