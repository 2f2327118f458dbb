"""Background work of 财政信息: a disclosure whose 公开日期 comes becomes public."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from .models import FiscalDisclosure


def disclose_due(*, today: datetime.date | None = None) -> int:
    """Disclosures published ahead of their 公开日期 that is today (or yesterday, for
    a missed night): saved again, so that the search index and the response cache
    follow as on any save. Returns how many."""
    today = today or timezone.localdate()
    due = FiscalDisclosure.objects.filter(
        published=True,
        disclosed_on__gte=today - datetime.timedelta(days=1),
        disclosed_on__lte=today,
        # Saved before it became public: not in the index yet. Once saved here
        # it is not picked again.
        updated_at__date__lt=F("disclosed_on"),
    )
    count = 0
    for disclosure in due.iterator():
        with transaction.atomic():
            disclosure.save(update_fields=["updated_at"])
        count += 1
    return count


@task()
def disclose_due_disclosures() -> int:
    """Every night: disclosures whose 公开日期 has come are indexed for the search."""
    return disclose_due()
