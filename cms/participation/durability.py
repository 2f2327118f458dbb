"""Receipts only for what the database has committed.

A receipt (tracking number, query code, registration code) promises the citizen
that the submission is stored. ``transaction.atomic()`` alone does not keep that
promise: when a database error inside the block is caught there and not re-raised,
the block ends without an exception and Django rolls the transaction back silently.
That is what happened when PostgreSQL connections were terminated mid-request:
Wagtail's reference-index task, run inline by the immediate task backend right after
the INSERT, hit the dead connection inside its savepoint, and the backend swallowed
the error; the question was rolled back and its receipt handed out all the same.

Every public submission therefore writes inside ``submission_transaction()``, which
raises ``SubmissionNotSaved`` unless the database confirmed the COMMIT. Errors of a
broken connection (``OperationalError``, ``InterfaceError``) propagate as they are;
the API answers both with a retryable "service unavailable".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction


class SubmissionNotSaved(Exception):
    """The submission's transaction did not commit: nothing was saved. Retryable."""


@contextmanager
def submission_transaction(using: str | None = None) -> Iterator[None]:
    """``transaction.atomic()`` that raises ``SubmissionNotSaved`` after a silent
    rollback, so no receipt is built for an uncommitted row.

    Inside a transaction the caller owns (an admin view's, a test's), the commit is
    the caller's and is not checked here.
    """
    outermost = not transaction.get_connection(using).in_atomic_block
    committed: list[bool] = []
    with transaction.atomic(using=using):
        # Registered first, so it runs first: a later hook that fails cannot hide
        # that the COMMIT happened.
        transaction.on_commit(lambda: committed.append(True), using=using, robust=True)
        yield
    if outermost and not committed:
        raise SubmissionNotSaved(
            "The submission's transaction was rolled back instead of committed."
        )
