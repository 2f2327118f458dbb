"""The one shape of a public submission: a refusal type and the idempotency helper.

Every public write (网上咨询, 征集意见, 活动报名, 依申请公开) is a keyword-only service
in its domain's ``services.py`` that validates its own input and either returns what
was stored or raises:

- ``django.core.exceptions.ValidationError``, keyed by the service's argument names,
  with Chinese messages, for a mistake in the input; nothing is saved;
- ``SubmissionRefused`` (or a domain's subclass), a Chinese message and a code, for a
  well-formed submission that cannot be taken now: a closed window, a full event, a
  duplicate; nothing is saved.

``submit_once`` gives them all the same retry guarantees: a retry with the first
submission's idempotency key answers the first record, a key reused for different
content is refused, and a new record exists (and may be receipted) only once the
database confirmed its COMMIT (``cms.participation.durability``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError

from cms.participation.durability import submission_transaction

Record = TypeVar("Record")

KEY_FIELD = "idempotency_key"


class SubmissionRefused(Exception):
    """A submission that is valid but not taken now; ``message`` says why (Chinese)."""

    def __init__(self, message: str, *, code: str):
        self.message = str(message)
        self.code = code
        super().__init__(self.message)


@dataclass(frozen=True)
class Submitted(Generic[Record]):
    record: Record
    created: bool


def submit_once(
    *,
    key: str,
    find: Callable[[], Record | None],
    create: Callable[[], Record],
    same: Callable[[Record], bool] | None = None,
    conflict_message: str = "",
    on_conflict: Callable[[], None] | None = None,
    attempts: int = 1,
) -> Submitted[Record]:
    """Create a record once per idempotency ``key``.

    ``find()`` looks the key's record up; ``create()`` builds and saves a new one
    (drawing fresh numbers each call), and runs inside ``submission_transaction()``:
    outermost, it raises ``SubmissionNotSaved`` unless the COMMIT happened; inside
    the caller's transaction (a locked row), it is a savepoint that a unique
    violation rolls back without spoiling the caller's transaction.

    With a key, an existing record is answered again (``created=False``) when
    ``same(record)`` holds, else a ``ValidationError`` on ``idempotency_key`` with
    ``conflict_message``. A unique violation is a concurrent retry that got there
    first when ``find()`` now answers; otherwise ``on_conflict()`` may raise a
    refusal (a duplicate), and a drawn number that collided is drawn again up to
    ``attempts`` times before the error propagates.
    """

    def replay(existing: Record) -> Submitted[Record]:
        if same is not None and not same(existing):
            raise ValidationError({KEY_FIELD: conflict_message})
        return Submitted(existing, created=False)

    if key and (existing := find()) is not None:
        return replay(existing)
    for attempt in range(1, attempts + 1):
        try:
            with submission_transaction():
                record = create()
        except IntegrityError:
            if key and (existing := find()) is not None:
                return replay(existing)
            if on_conflict is not None:
                on_conflict()
            if attempt == attempts:
                raise
            continue
        return Submitted(record, created=True)
    raise AssertionError("unreachable")  # pragma: no cover
