"""The index follows view restrictions (a whole section at once) and records."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction

from . import registry


def _restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    page_id = instance.page_id

    def reindex() -> None:
        from .tasks import reindex_section_task

        reindex_section_task.enqueue(page_id)

    transaction.on_commit(reindex)


def _record_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    """A registered record was saved or deleted: update the index after the commit."""
    if raw:  # fixtures (loaddata) are indexed by a rebuild
        return
    from .updates import schedule_update

    schedule_update(sender, instance.pk, created=bool(kwargs.get("created")))


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search-restriction-{signal is post_save}",
        )
    for search_type in registry.record_types():
        model = search_type.model
        for signal in (post_save, post_delete):
            signal.connect(
                _record_changed,
                sender=model,
                dispatch_uid=f"search-record-{model._meta.label}-{signal is post_save}",
            )
