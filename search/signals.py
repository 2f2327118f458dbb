"""The index follows view restrictions: adding or removing one reindexes the section."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction


def _restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    page_id = instance.page_id

    def reindex() -> None:
        from .tasks import reindex_section_task

        reindex_section_task.enqueue(page_id)

    transaction.on_commit(reindex)


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search-restriction-{signal is post_save}",
        )
