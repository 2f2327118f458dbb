"""Keep the calendar snapshot in step with the overrides."""

from __future__ import annotations

from django.db import transaction

from .calendar import clear_local_cache, invalidate_cache


def calendar_changed(**kwargs) -> None:
    # This process must see the change at once (also inside the transaction);
    # other processes only once it is committed.
    clear_local_cache()
    transaction.on_commit(invalidate_cache)
