"""The public list queries' plans, without and with their ordering indexes.

    .venv/bin/python benchmarks/api_explain.py --policies 2000          # SQLite
    .venv/bin/python benchmarks/api_explain.py --policies 2000 \\
        --database-url postgres://postgres@127.0.0.1:5432/zwgk_bench_explain
    .venv/bin/python benchmarks/api_explain.py --keep /tmp/explain.sqlite3  # reuse

Loads the data of benchmarks/api.py (``--keep``: a SQLite file loaded once and
reused), sends each list query through the GraphQL endpoint (Django test client),
takes the SQL query that reads the page of rows (the one with ORDER BY and
LIMIT), and prints its plan (SQLite ``EXPLAIN QUERY PLAN``; PostgreSQL
``EXPLAIN (ANALYZE, BUFFERS)`` after ``ANALYZE``) twice: with the ordering's
index removed, as before the migrations, and with it. Asserts nothing; the
database is left as migrated.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if sys.path and Path(sys.path[0]).resolve() == HERE:
    sys.path[0] = str(ROOT)

from benchmarks.api import server_env  # noqa: E402
from benchmarks.api_infra import ScratchDatabase, free_port  # noqa: E402

# (label, GraphQL query, model label, index name)
LISTS = [
    (
        "policies, newest first (default)",
        "{ policies(first: 20) { totalCount edges { node { id title publishDate } } } }",
        "policies.PolicyPage",
        "policy_publish_date_idx",
    ),
    (
        "policies by 成文日期",
        "{ policies(first: 20, order: WRITTEN_DATE_DESC) "
        "{ edges { node { id title } } } }",
        "policies.PolicyPage",
        "policy_written_date_idx",
    ),
    (
        "events, soonest first",
        "{ events(first: 20, order: START_AT_ASC) { edges { node { id title } } } }",
        "events.OpenEventPage",
        "event_start_at_idx",
    ),
    (
        "consultations, newest first",
        "{ consultations(first: 20) { edges { node { id title } } } }",
        "consultations.ConsultationPage",
        "consultation_open_date_idx",
    ),
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("--policies", type=int, default=2000)
    parser.add_argument("--interpretation-every", type=int, default=4)
    parser.add_argument("--database-url", help="postgres://.../<database to create>")
    parser.add_argument("--keep", type=Path, help="a SQLite file to load once, reuse")
    args = parser.parse_args()
    args.redis_url = None
    return args


def page_query(captured: list[dict]) -> str | None:
    """The SQL that reads the rows of the page: ordered and limited."""
    for query in captured:
        sql = query["sql"]
        if "ORDER BY" in sql and "LIMIT" in sql:
            return sql
    return None


def explain(connection, sql: str) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(f"{row[-1]}" for row in cursor.fetchall())


def run(args, database: ScratchDatabase, directory: Path) -> None:
    port = free_port()
    os.environ.clear()
    os.environ.update(server_env(args, database, directory, port))
    database.create()
    import django

    django.setup()
    from django.apps import apps
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from benchmarks.api_data import load
    from cms.policies.models import PolicyPage

    if args.keep and args.keep.exists():
        print(f"Reusing {args.keep} ({PolicyPage.objects.count()} policies)")
    else:
        load(args.policies, interpretation_every=args.interpretation_every, port=port)
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"Database: {connection.vendor} {database.label}")
    for label, query, model_label, index_name in LISTS:
        model = apps.get_model(model_label)
        index = next(i for i in model._meta.indexes if i.name == index_name)
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/graphql/", {"query": query, "variables": "{}"})
        data = json.loads(response.content)
        sql = page_query(captured.captured_queries)
        print(f"\n=== {label}: {model.objects.count()} rows, index {index_name}")
        if data.get("errors") or sql is None:
            print(f"   (no page query: {data.get('errors')})")
            continue
        print("   " + sql[:900] + (" ..." if len(sql) > 900 else ""))
        with connection.schema_editor() as editor:
            editor.remove_index(model, index)
        try:
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            print("--- without the index (before):")
            print(explain(connection, sql))
        finally:
            with connection.schema_editor() as editor:
                editor.add_index(model, index)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print("--- with the index (after):")
        print(explain(connection, sql))


def main() -> None:
    args = parse_args()
    directory = Path(tempfile.mkdtemp(prefix="zwgk-bench-explain-"))
    url = f"sqlite:///{args.keep.resolve()}" if args.keep else args.database_url
    database = ScratchDatabase(url, directory)
    try:
        run(args, database, directory)
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        database.drop()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
