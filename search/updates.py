"""Index updates of records (registered non-page models), never at a save's expense.

A save or delete of a record schedules ``update_record`` for after the commit (the
index never sees a row that is rolled back, and the saving transaction never waits
for, nor fails with, a backend). The update reads the row as it is then: a public
row is (re)indexed, a row that is no longer public or no longer exists is removed
(``split_public`` in the backends decides).

A backend that fails (Elasticsearch down, a locked index table) is logged and
recorded in ``PendingIndexUpdate``; ``retry_due_updates`` (every minute, through
``manage.py run_scheduler``, cms/scheduling/schedule.py) tries again with backoff
until the backend takes it. Meanwhile the public scope applied at query time keeps
a record that is no longer public out of the results, whatever the index holds.
"""

from __future__ import annotations

import datetime
import logging

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone
from django_tasks import task
from modelsearch.backends import get_search_backends_with_name

from . import registry

logger = logging.getLogger(__name__)

# Backoff between attempts: 1, 5, 15 minutes, then hourly until it works.
RETRY_DELAYS = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=15),
    datetime.timedelta(minutes=60),
)
SWEEP_BATCH = 200


def schedule_update(model: type[models.Model], pk, *, created: bool = False) -> None:
    """Update the index for the record ``model``/``pk`` once the transaction commits.

    A new row that is not public has nothing in the index to add or remove: a
    citizen's submission costs no index work (nor a call to Elasticsearch).
    """
    label, object_id = model._meta.label, str(pk)
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        isinstance(callback, _AfterCommit)
        and not callback.done
        and callback.target == (label, object_id)
        for _savepoints, callback, _robust in connection.run_on_commit
    ):
        return  # saved again in the same transaction: one update after the commit
    transaction.on_commit(_AfterCommit(label, object_id, created), robust=True)


class _AfterCommit:
    """The update of one record, run once the transaction commits."""

    def __init__(self, model_label: str, object_id: str, created: bool) -> None:
        self.target = (model_label, object_id)
        self.created = created
        self.done = False
        self.__qualname__ = f"search index update of {model_label}:{object_id}"

    def __call__(self) -> None:
        self.done = True
        _enqueue(*self.target, created=self.created)


def _enqueue(model_label: str, object_id: str, *, created: bool = False) -> None:
    try:
        if created and not _is_public(model_label, object_id):
            return
        # A savepoint: a task backend failing to store the task (the database
        # backend) must not break a transaction this callback runs in.
        with transaction.atomic():
            update_record_task.enqueue(model_label, object_id)
    except Exception as error:  # noqa: BLE001 - the retry sweep takes it over
        logger.warning(
            "Search index: could not enqueue the update of %s:%s (%s)",
            model_label,
            object_id,
            error.__class__.__name__,
        )
        for name, _backend in _backends(None):
            record_failure(model_label, object_id, backend=name, error=error)


def _is_public(model_label: str, object_id: str) -> bool:
    search_type = registry.record_type_for(apps.get_model(model_label))
    if search_type is None:
        return False
    return search_type.public_queryset(None).filter(pk=object_id).exists()


@task()
def update_record_task(model_label: str, object_id: str) -> list[str]:
    return update_record(model_label, object_id)


@task()
def retry_due_updates() -> dict[str, int]:
    """The retry sweep, scheduled every minute (cms/scheduling/schedule.py)."""
    return retry_due()


def _backends(names: list[str] | None):
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        if names is None or name in names:
            yield name, backend


def _apply(
    model_label: str, object_id: str, names: list[str] | None
) -> dict[str, BaseException]:
    """Index or remove the record on each backend; {backend name: error} of failures."""
    model = apps.get_model(model_label)
    if registry.record_type_for(model) is None:
        return {}
    obj = model.get_indexed_objects().filter(pk=object_id).first()
    failures: dict[str, BaseException] = {}
    for name, backend in _backends(names):
        try:
            # A savepoint: a database backend failing inside an outer transaction
            # (a rebuild, a test) must not break that transaction.
            with transaction.atomic():
                if obj is None:
                    backend.delete(model(pk=model._meta.pk.to_python(object_id)))
                else:
                    backend.get_index_for_model(model).add_items(model, [obj])
        except Exception as error:  # noqa: BLE001 - logged, recorded, retried
            failures[name] = error
    return failures


def update_record(model_label: str, object_id: str) -> list[str]:
    """Bring the index up to date for one record on every backend that follows saves.

    Returns the names of the backends that failed; each failure is logged and
    recorded for the retry sweep.
    """
    failures = _apply(model_label, object_id, None)
    for name, error in failures.items():
        _log_failure(name, model_label, object_id, error)
        record_failure(model_label, object_id, backend=name, error=error)
    return list(failures)


def _log_failure(name: str, model_label: str, object_id: str, error) -> None:
    logger.warning(
        "Search index: backend %s could not update %s:%s (%s: %s)",
        name,
        model_label,
        object_id,
        error.__class__.__name__,
        error,
    )


def _message(error: BaseException) -> str:
    return f"{error.__class__.__name__}: {error}"[:2000]


def _delay(attempts: int) -> datetime.timedelta:
    return RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]


def record_failure(
    model_label: str, object_id: str, *, backend: str, error: BaseException
) -> None:
    """Note (or note again) a failed update, with the time of the next attempt."""
    from .models import PendingIndexUpdate

    now = timezone.now()
    try:
        with transaction.atomic():
            pending, created = (
                PendingIndexUpdate.objects.select_for_update().get_or_create(
                    model_label=model_label,
                    object_id=object_id,
                    backend=backend,
                    defaults={
                        "last_error": _message(error),
                        "next_attempt_at": now + _delay(1),
                    },
                )
            )
            if not created:
                pending.attempts += 1
                pending.last_error = _message(error)
                pending.next_attempt_at = now + _delay(pending.attempts)
                pending.save()
    except Exception:
        # The database is failing too: the record was saved before this ran, and
        # the next rebuild of the index (rebuild_search_index) catches up.
        logger.exception(
            "Search index: could not record the failed update of %s:%s",
            model_label,
            object_id,
        )


def retry_due(*, limit: int = SWEEP_BATCH) -> dict[str, int]:
    """Try the due pending updates again, oldest first, at most ``limit`` of them."""
    from .models import PendingIndexUpdate

    outcomes = {"updated": 0, "failed": 0}
    due = PendingIndexUpdate.objects.filter(next_attempt_at__lte=timezone.now())
    for pending in list(due.order_by("next_attempt_at", "pk")[:limit]):
        try:
            apps.get_model(pending.model_label)
        except LookupError:
            pending.delete()  # the model is gone, and its index with it
            continue
        failures = _apply(pending.model_label, pending.object_id, [pending.backend])
        error = failures.get(pending.backend)
        if error is None:
            pending.delete()
            outcomes["updated"] += 1
            continue
        _log_failure(pending.backend, pending.model_label, pending.object_id, error)
        pending.attempts += 1
        pending.last_error = _message(error)
        pending.next_attempt_at = timezone.now() + _delay(pending.attempts)
        pending.save()
        outcomes["failed"] += 1
    return outcomes


def forget_pending(*, backends: list[str], started: datetime.datetime) -> int:
    """Drop the pending updates that a rebuild of ``backends``, started at
    ``started``, made moot: it read every record as it was then."""
    from .models import PendingIndexUpdate

    deleted, _ = PendingIndexUpdate.objects.filter(
        backend__in=backends, last_failed_at__lt=started
    ).delete()
    return deleted
