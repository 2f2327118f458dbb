"""Daily and weekly digests: the changes queued for a subscriber, in one message.

Composed in batches of subscribers (keyset over subscriber ids), so memory stays
bounded however many subscribers there are: each batch reads its entries as tuples,
writes one outbox row per subscriber (idempotent per period), and drops the entries,
in one transaction. The worker then delivers them like any other message.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

from .models import DigestEntry, Frequency, Message, MessageKind

BATCH = 2000


def compose_digests(*, frequency: int, batch: int = BATCH) -> int:
    """Turn queued entries of ``frequency`` into digest messages; returns how many."""
    period = timezone.localdate().isoformat()
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
                return made
            rows = (
                DigestEntry.objects.filter(frequency=frequency, subscriber_id__in=ids)
                .order_by("subscriber_id", "change__created_at", "change_id")
                .values_list("subscriber_id", "subscriber__channel", "change_id")
            )
            grouped: dict[int, tuple[str, list[int]]] = {}
            for subscriber_id, channel, change_id in rows:
                grouped.setdefault(subscriber_id, (channel, []))[1].append(change_id)
            Message.objects.bulk_create(
                [
                    Message(
                        idempotency_key=f"digest:{frequency}:{period}:{subscriber_id}",
                        kind=MessageKind.DIGEST,
                        channel=channel,
                        subscriber_id=subscriber_id,
                        payload={"frequency": frequency, "changes": changes},
                    )
                    for subscriber_id, (channel, changes) in grouped.items()
                ],
                ignore_conflicts=True,
                batch_size=500,
            )
            DigestEntry.objects.filter(
                frequency=frequency, subscriber_id__in=ids
            ).delete()
            made += len(grouped)
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
