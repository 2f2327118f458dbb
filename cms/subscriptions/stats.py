"""Anonymous daily counts per channel, kept when messages and contacts are gone."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from .models import DeliveryStat


def record_stat(channel: str, **counts: int) -> None:
    """Add to today's counts (``sent``, ``failed``, ``unsubscribed``)."""
    day = timezone.localdate()
    updates = {name: F(name) + value for name, value in counts.items()}
    if DeliveryStat.objects.filter(day=day, channel=channel).update(**updates):
        return
    DeliveryStat.objects.get_or_create(day=day, channel=channel)
    DeliveryStat.objects.filter(day=day, channel=channel).update(**updates)
