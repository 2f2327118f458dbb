"""Periodic jobs of 依申请公开 (registered in cms/scheduling/schedule.py)."""

from __future__ import annotations

from django_tasks import task

from .receipts import confirm_pending_receipts


@task()
def confirm_online_receipts() -> int:
    """On a working day, acknowledge the online applications submitted on a day off."""
    return confirm_pending_receipts()
