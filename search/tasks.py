"""Background work for search (django-tasks)."""

from __future__ import annotations

from django_tasks import task


@task()
def rebuild_index_task() -> int:
    from .services import rebuild_index

    return rebuild_index()


@task()
def reindex_section_task(page_id: int) -> int:
    from .services import reindex_section

    return reindex_section(page_id=page_id)
