"""The daily compliance round as a background task (scheduled in
cms/scheduling/schedule.py)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from .services import daily_round


@task()
def compliance_daily_round() -> dict[str, int]:
    return daily_round(today=timezone.localdate())
