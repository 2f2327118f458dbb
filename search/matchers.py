"""Full-text matching and ranking on the database index (SQLite FTS5, PostgreSQL).

Wagtail's database backend keeps the index (``IndexEntry``, segmented title and body
columns; see backends/database.py). Its query compiler scores every field alike and
re-runs the match per row; here the query is one SQL statement per question, with the
title column (title and 文号) weighted above the body; it returns the best
``MAX_CANDIDATES`` (content type, id) pairs of pages and registered records, to
which the engine applies the public scope and filters.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from modelsearch.conf import get_app_config
from wagtail.models import get_page_models

from . import registry
from .query import QueryPlan

TITLE_WEIGHT = 8.0
BODY_WEIGHT = 1.0


def page_content_type_ids() -> tuple[int, ...]:
    models = get_page_models()
    return tuple(ct.pk for ct in ContentType.objects.get_for_models(*models).values())


def searchable_content_type_ids() -> tuple[int, ...]:
    """Every page type and registered record type: what the public search returns
    (the index also holds snippets, for the admin's own search)."""
    return tuple(sorted(registry.content_type_map()))


def _index_table() -> str:
    return get_app_config().get_model("IndexEntry")._meta.db_table


def _fts_quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def fts5_expression(plan: QueryPlan) -> str:
    """FTS5 MATCH text: any word of any group, or a 文号 phrase, in title or body."""
    alternatives = [_fts_quote(word) for group in plan.groups for word in group]
    alternatives += [_fts_quote(" ".join(words)) for words in plan.phrases]
    return "{title body} : (" + " OR ".join(alternatives) + ")"


def _ts_lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery_expression(plan: QueryPlan) -> str:
    """A to_tsquery text: words OR'ed, 文号 words followed by each other (<->)."""
    alternatives = [_ts_lexeme(word) for group in plan.groups for word in group]
    alternatives += [
        "(" + " <-> ".join(_ts_lexeme(word) for word in words) + ")"
        for words in plan.phrases
    ]
    return " | ".join(alternatives)


# Ranking, facets and totals are computed over at most this many best text matches
# (like Elasticsearch's bounded hit counting), which keeps a broad word such as 补贴
# as fast as a rare one.
MAX_CANDIDATES = 1000


class DatabaseMatcher:
    """The best matches of a plan on the database index, with one SQL statement."""

    def __init__(self, plan: QueryPlan):
        self.plan = plan
        self.vendor = connection.vendor

    def _match_sql(self) -> tuple[str, str, list]:
        """(FROM/WHERE clause, score expression, params) for the index."""
        table = _index_table()
        cts = ",".join(str(pk) for pk in searchable_content_type_ids()) or "0"
        if self.vendor == "sqlite":
            fts = f"{table}_fts"
            return (
                f"FROM {fts} JOIN {table} e ON e.id = {fts}.rowid "
                f"WHERE {fts} MATCH %s AND e.content_type_id IN ({cts})",
                f"-bm25({fts}, 0.0, {BODY_WEIGHT}, {TITLE_WEIGHT})",
                [fts5_expression(self.plan)],
            )
        return (
            f"FROM {table} e, to_tsquery('simple', %s) q "
            f"WHERE (e.title @@ q OR e.body @@ q) AND e.content_type_id IN ({cts})",
            f"(ts_rank(e.title, q, 1) * {TITLE_WEIGHT}"
            f" + ts_rank(e.body, q, 1) * {BODY_WEIGHT})",
            [tsquery_expression(self.plan)],
        )

    def candidates(self, limit: int = MAX_CANDIDATES) -> list[tuple[int, int, float]]:
        """(content type id, object id, score) of the best matches, best first."""
        if self.plan.is_empty:
            return []
        where, score, params = self._match_sql()
        sql = (
            "SELECT e.content_type_id, CAST(e.object_id AS BIGINT) AS pid,"  # noqa: S608
            f" {score} AS score {where}"
            " ORDER BY score DESC, pid DESC, e.content_type_id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit])
            return [
                (int(ct), int(pk), float(score or 0.0))
                for ct, pk, score in cursor.fetchall()
            ]


__all__ = ["MAX_CANDIDATES", "DatabaseMatcher", "fts5_expression", "tsquery_expression"]
