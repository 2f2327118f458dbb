"""Background work of 双公示: withdrawal when the publicity period ends."""

from __future__ import annotations

from django_tasks import task

from .services import withdraw_expired


@task()
def withdraw_expired_decisions() -> int:
    """Every night: 行政处罚 past their maximum publicity period are marked withdrawn
    (index and response cache follow); the public rule already hides them by date."""
    return withdraw_expired()
