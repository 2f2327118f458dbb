"""PostgreSQL: keep the search index's word vectors in the row, not in TOAST.

A policy's body vector is 2-4 KB, above PostgreSQL's 2 KB TOAST threshold, so by
default every body vector (and, to make the row fit, the title vector too) is moved
out of line. Ranking a broad word such as 补贴 then reads ~17,000 vectors through the
TOAST index: ~100 ms of a search at 20,000 policies. With STORAGE MAIN the vectors
stay in the row unless the row would not fit a page (very long documents still go
out of line); the plain-text copies, which searches never read, are moved out
instead. Measured with benchmarks/search.py: the ranking statement drops from
~100 ms to ~35 ms.

The UPDATE rewrites the existing rows under the new rule (new values are stored by
the column's current storage; an unchanged value would keep its TOAST pointer).
"""

from django.db import migrations

VECTORS = ("title", "autocomplete", "body")


def _table(apps) -> str:
    return apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table


def _set_storage(apps, schema_editor, vector_storage: str, rewrite: bool) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite has no TOAST; its FTS5 table is separate anyway
    table = schema_editor.quote_name(_table(apps))
    columns = ", ".join(
        f"ALTER COLUMN {schema_editor.quote_name(name)} SET STORAGE {vector_storage}"
        for name in VECTORS
    )
    schema_editor.execute(f"ALTER TABLE {table} {columns}")
    if rewrite:
        assignments = ", ".join(
            f"{schema_editor.quote_name(name)} = {schema_editor.quote_name(name)}"
            " || ''::tsvector"
            for name in VECTORS
        )
        schema_editor.execute(f"UPDATE {table} SET {assignments}")  # noqa: S608


def inline(apps, schema_editor):
    _set_storage(apps, schema_editor, "MAIN", rewrite=True)


def default(apps, schema_editor):
    _set_storage(apps, schema_editor, "EXTENDED", rewrite=False)


class Migration(migrations.Migration):
    dependencies = [
        ("cms_search", "0002_seed_synonyms"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(inline, default, elidable=False)]
