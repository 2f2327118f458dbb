"""Retention: contact details go 28 days after the last subscription ended (or an
unconfirmed address 28 days after it was given), sent messages after 7 days; the
daily counts (DeliveryStat) stay."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from .models import Message, Subscriber, SubscriberStatus
from .services import retention_cutoffs


def purge(*, now=None) -> dict[str, int]:
    now = now or timezone.now()
    contact_cutoff, message_cutoff = retention_cutoffs(now)
    stale = Subscriber.objects.filter(
        Q(unsubscribed_at__lte=contact_cutoff)
        | Q(status=SubscriberStatus.PENDING, created_at__lte=contact_cutoff)
    ).exclude(subscriptions__active=True, status=SubscriberStatus.ACTIVE)
    _, erased = stale.delete()
    _, messages = Message.objects.filter(created_at__lt=message_cutoff).delete()
    return {
        "erased": erased.get(Subscriber._meta.label, 0),
        "messages": messages.get(Message._meta.label, 0),
    }


@task()
def purge_subscription_data() -> dict[str, int]:
    return purge()
