"""Daily and weekly digests: the changes queued for a subscriber, in one message.

Composed in batches of subscribers (keyset over subscriber ids), so memory stays
bounded however many subscribers there are: each batch turns its entries into one
outbox row per subscriber (idempotent per period) and drops them, in one
transaction and in SQL (``INSERT … SELECT … GROUP BY``, a plain ``DELETE``), so a
batch of 2,000 subscribers is three statements and no rows travel through Python.
The worker then delivers them like any other message; the order in which a digest
lists its changes is decided when it is composed for sending.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

from .models import DigestEntry, Frequency, Message, MessageKind, Subscriber

BATCH = 2000


def _payload_sql(frequency: int) -> str:
    """``{"frequency": …, "changes": [ids]}`` aggregated over a subscriber's entries."""
    if connection.vendor == "postgresql":
        build, aggregate = "jsonb_build_object", "jsonb_agg"
    else:
        build, aggregate = "json_object", "json_group_array"
    return (
        f"{build}('frequency', {int(frequency)}, 'changes', {aggregate}(e.change_id))"
    )


# Digests that make the outbox a different table: PostgreSQL is told at once.
ANALYZE_AFTER = 10_000


def _analyze_after(made: int) -> None:
    """Refresh the outbox's statistics after a large run, before the worker claims:
    planned for the few rows autovacuum last counted, each claim would read every
    pending row (and sort them) instead of walking ``message_pending_by_id``."""
    if made >= ANALYZE_AFTER and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Message._meta.db_table}")


def compose_digests(*, frequency: int, batch: int = BATCH) -> int:
    """Turn queued entries of ``frequency`` into digest messages; returns how many."""
    frequency = int(frequency)
    period = timezone.localdate().isoformat()
    entries = DigestEntry._meta.db_table
    made = 0
    last = 0
    while True:
        with transaction.atomic():
            ids = list(
                DigestEntry.objects.filter(frequency=frequency, subscriber_id__gt=last)
                .order_by("subscriber_id")
                .values_list("subscriber_id", flat=True)
                .distinct()[:batch]
            )
            if not ids:
                _analyze_after(made)
                return made
            span = [frequency, last, ids[-1]]
            with connection.cursor() as cursor:
                cursor.execute(
                    f"""INSERT INTO {Message._meta.db_table} (idempotency_key, kind,
                            channel, subscriber_id, endpoint, change_id, payload,
                            status, attempts, last_error, created_at)
                        SELECT %s || CAST(e.subscriber_id AS TEXT), %s, r.channel,
                            e.subscriber_id, '', NULL, {_payload_sql(frequency)},
                            'pending', 0, '', %s
                        FROM {entries} e
                        JOIN {Subscriber._meta.db_table} r ON r.id = e.subscriber_id
                        WHERE e.frequency = %s AND e.subscriber_id > %s
                            AND e.subscriber_id <= %s
                        GROUP BY e.subscriber_id, r.channel
                        ON CONFLICT DO NOTHING""",  # noqa: S608
                    [
                        f"digest:{frequency}:{period}:",
                        MessageKind.DIGEST,
                        timezone.now(),
                        *span,
                    ],
                )
                # Not through the ORM: post_delete receivers (the API cache) would
                # make Django fetch and signal every entry.
                cursor.execute(
                    f"""DELETE FROM {entries} WHERE frequency = %s
                        AND subscriber_id > %s AND subscriber_id <= %s""",  # noqa: S608
                    span,
                )
            made += len(ids)
            last = ids[-1]


def _deliver_after() -> None:
    from .delivery import deliver_digests

    if not isinstance(deliver_digests.get_backend(), ImmediateBackend):
        deliver_digests.enqueue()


@task()
def send_daily_digests() -> int:
    made = compose_digests(frequency=Frequency.DAILY)
    _deliver_after()
    return made


@task()
def send_weekly_digests() -> int:
    made = compose_digests(frequency=Frequency.WEEKLY)
    _deliver_after()
    return made
