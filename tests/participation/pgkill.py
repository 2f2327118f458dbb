"""Killing the app's own PostgreSQL backend at a chosen moment (pg_terminate_backend).

``terminated_after("INSERT INTO \\"questions_question\\"")`` lets the request's
statement run, then has a second connection terminate the backend that ran it,
the way an operator, a failover or a network cut ends a connection mid-request.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from django.db import connection


def admin_connection() -> psycopg.Connection:
    """A second connection to the same (test) database, outside Django."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("prepare_threshold", None)
    return psycopg.connect(**params, autocommit=True)


def terminate(pids: list[int]) -> None:
    """Terminate the backends and wait (up to 5 s each) until they are gone."""
    with admin_connection() as admin:
        for pid in pids:
            admin.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])


@contextmanager
def terminated_after(sql_prefix: str) -> Iterator[list[str]]:
    """Terminate this thread's backend right after the first statement starting so."""
    fired: list[str] = []

    def kill_after(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not fired and sql.startswith(sql_prefix):
            fired.append(sql)
            terminate([context["connection"].connection.info.backend_pid])
        return result

    with connection.execute_wrapper(kill_after):
        yield fired
